/* Consultation form, progressive enhancement only: the form works fully without it.
   - Moves focus to the error summary if the browser ignored its autofocus.
   - Checks chosen files against the limits (count, size, length of the name) before a
     long upload on a slow phone.
   - Stops a second tap on "Send" from sending the request twice.
   Every message comes translated from the page's data-msg-* attributes. */
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
  });

  // Coming back with the Back button restores the page as it was: allow sending again.
  window.addEventListener("pageshow", function () {
    sending = false;
    if (button) {
      button.removeAttribute("aria-disabled");
      button.textContent = buttonLabel;
    }
  });
}());
