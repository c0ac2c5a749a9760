/* Consultation form and the page that follows a request, progressive enhancement only:
   both work fully without it.
   - Moves focus to the error summary if the browser ignored its autofocus.
   - Shows "what to send" for the condition chosen (each condition's list is in the page, hidden).
   - Checks chosen files against the limits (count, size, length of the name) before a
     long upload on a slow phone.
   - Sends a form with files through XMLHttpRequest to show how much has been sent, then
     follows the server's redirect, or shows the page it answered with (the form with errors).
   - Stops a second tap on "Send" from sending the request twice.
   Every message comes translated from the page's data-msg-* attributes. No inline style:
   the progress bar is a <progress> element whose value is set. */
(function () {
  "use strict";

  var summary = document.querySelector(".error-summary");
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }

  var form = document.querySelector("form[data-consult-form]");
  if (!form) {
    return;
  }
  var input = form.querySelector('input[type="file"]');
  var notice = document.getElementById("attachments-check");
  var button = form.querySelector('button[type="submit"]');
  var maxFiles = parseInt(form.getAttribute("data-max-files"), 10);
  var maxBytes = parseInt(form.getAttribute("data-max-bytes"), 10);
  var maxNameBytes = parseInt(form.getAttribute("data-max-name-bytes"), 10);
  var encoder = window.TextEncoder ? new TextEncoder() : null;
  var buttonLabel = button ? button.textContent : "";
  var sending = false;
  var conditionSelect = form.querySelector('select[name="condition"]');
  var checklists = form.querySelectorAll(".what-to-send__list[data-condition]");
  var progressBox = document.getElementById("upload-progress");
  var progressBar = document.getElementById("upload-progress-bar");
  var progressText = document.getElementById("upload-progress-text");
  var uploadProblem = document.getElementById("upload-problem");
  var canShowProgress = !!(window.XMLHttpRequest && window.FormData && progressBox && progressBar &&
                           "upload" in new XMLHttpRequest());

  function showChecklist() {
    if (!conditionSelect) {
      return;
    }
    for (var i = 0; i < checklists.length; i += 1) {
      checklists[i].hidden = checklists[i].getAttribute("data-condition") !== conditionSelect.value;
    }
  }

  if (conditionSelect) {
    conditionSelect.addEventListener("change", showChecklist);
  }

  function fileProblems() {
    var problems = [];
    if (!input || !input.files) {
      return problems;
    }
    if (input.files.length > maxFiles) {
      problems.push(form.getAttribute("data-msg-too-many"));
    }
    for (var i = 0; i < input.files.length; i += 1) {
      var name = input.files[i].name;
      if (encoder && encoder.encode(name).length > maxNameBytes) {
        problems.push(form.getAttribute("data-msg-long-name").replace("{name}", shortName(name)));
      } else if (input.files[i].size > maxBytes) {
        problems.push(form.getAttribute("data-msg-too-big").replace("{name}", name));
      }
    }
    return problems;
  }

  // The same shortening as the server's messages: a long name is cut in the middle.
  function shortName(name) {
    return name.length <= 120 ? name : name.slice(0, 80) + "\u2026" + name.slice(-30);
  }

  function showProblems(problems) {
    if (!notice) {
      return;
    }
    notice.textContent = problems.join(" ");
    if (problems.length) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " attachments-check").trim());
    } else {
      input.removeAttribute("aria-invalid");
    }
  }

  if (input) {
    input.addEventListener("change", function () {
      showProblems(fileProblems());
    });
  }

  // Megabytes as the server's messages count them (2^20 bytes), in the page's language.
  function megabytes(bytes) {
    var amount = bytes / 1048576;
    var text;
    try {
      text = amount.toLocaleString(document.documentElement.lang || undefined,
                                   {minimumFractionDigits: 1, maximumFractionDigits: 1});
    } catch (error) {
      text = amount.toFixed(1);
    }
    return form.getAttribute("data-msg-megabytes").replace("{size}", text);
  }

  var lastAnnounced = -1;

  function showProgress(sent, total) {
    progressBar.max = total;
    progressBar.value = sent;
    // The live text changes every tenth of the way, not on every event, so a screen reader is not flooded.
    var tenth = Math.floor((sent / total) * 10);
    if (tenth !== lastAnnounced) {
      lastAnnounced = tenth;
      progressText.textContent = form.getAttribute("data-msg-progress")
        .replace("{sent}", megabytes(sent)).replace("{total}", megabytes(total));
    }
  }

  function resetButton() {
    sending = false;
    if (button) {
      button.removeAttribute("aria-disabled");
      button.textContent = buttonLabel;
    }
  }

  function connectionLost() {
    progressBox.hidden = true;
    resetButton();
    if (uploadProblem) {
      uploadProblem.textContent = form.getAttribute("data-msg-connection-lost");
    }
  }

  function withoutHash(url) {
    return url.split("#")[0];
  }

  function sendWithProgress() {
    var url = withoutHash(new URL(form.getAttribute("action") || "", window.location.href).href);
    var request = new XMLHttpRequest();
    request.open("POST", url);
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        showProgress(event.loaded, event.total);
      }
    });
    request.addEventListener("load", function () {
      if (request.responseURL && withoutHash(request.responseURL) !== url) {
        // Redirected (to the thanks page): go there as the plain form would have.
        window.location.assign(request.responseURL);
        return;
      }
      // The form again, with what went wrong: show that page as the browser would have.
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", connectionLost);
    request.addEventListener("abort", connectionLost);
    lastAnnounced = -1;
    if (uploadProblem) {
      uploadProblem.textContent = "";
    }
    progressBar.value = 0;
    progressBox.hidden = false;
    request.send(new FormData(form));
  }

  form.addEventListener("submit", function (event) {
    var problems = fileProblems();
    if (problems.length) {
      event.preventDefault();
      showProblems(problems);
      input.focus();
      return;
    }
    if (sending) {
      event.preventDefault();
      return;
    }
    sending = true;
    if (button) {
      button.setAttribute("aria-disabled", "true");
      button.textContent = form.getAttribute("data-msg-sending");
    }
    if (canShowProgress && input && input.files && input.files.length) {
      event.preventDefault();
      sendWithProgress();
    }
  });

  // Coming back with the Back button restores the page as it was: allow sending again, and
  // show the checklist of the condition the browser restored.
  window.addEventListener("pageshow", function () {
    resetButton();
    if (progressBox) {
      progressBox.hidden = true;
    }
    showChecklist();
  });
}());
