/* Admin: "Move up" and "Move down" buttons beside each row's order number, in the rows of a
   page (inlines) and in lists whose order staff set. A move swaps the row with its neighbour
   and renumbers the rows in their new order; saving the page or the list keeps it, as typing
   the numbers does without JavaScript. Labels come translated from the inputs' data-* attributes.
   A list sorted by another column gets no buttons: its neighbours are not the ones in order. */
(function () {
  "use strict";

  var status;

  function orderedRows(parent) {
    return Array.prototype.filter.call(parent.children, function (row) {
      return !row.classList.contains("empty-form") && row.querySelector("input.position-input");
    });
  }

  function inputOf(row) {
    return row.querySelector("input.position-input");
  }

  // The numbers the rows already use, in ascending order and each above the one before, given
  // to the rows in their new order: a filtered list keeps its rows within the numbers they had.
  function renumber(rows) {
    var numbers = rows.map(function (row) { return parseInt(inputOf(row).value, 10) || 0; });
    numbers.sort(function (a, b) { return a - b; });
    rows.forEach(function (row, index) {
      if (index > 0 && numbers[index] <= numbers[index - 1]) {
        numbers[index] = numbers[index - 1] + 1;
      }
      inputOf(row).value = numbers[index];
    });
  }

  function move(row, step) {
    var parent = row.parentNode;
    var rows = orderedRows(parent);
    var index = rows.indexOf(row);
    var other = rows[index + step];
    if (!other) {
      return;
    }
    // The neighbour moves, not this row, so the button keeps the keyboard focus.
    parent.insertBefore(other, step < 0 ? row.nextSibling : row);
    rows = orderedRows(parent);
    renumber(rows);
    var input = inputOf(row);
    status.textContent = input.getAttribute("data-moved")
      .replace("%(place)s", rows.indexOf(row) + 1).replace("%(count)s", rows.length);
  }

  function button(label, className, row, step) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.textContent = label;
    element.addEventListener("click", function () { move(row, step); });
    return element;
  }

  function enhance(input) {
    var row = input.closest("tr, .inline-related");
    if (!row || row.classList.contains("empty-form") || input.hasAttribute("data-enhanced")) {
      return;
    }
    input.setAttribute("data-enhanced", "");
    var buttons = document.createElement("span");
    buttons.className = "ordering-buttons";
    buttons.appendChild(button(input.getAttribute("data-move-up"), "move-up", row, -1));
    buttons.appendChild(button(input.getAttribute("data-move-down"), "move-down", row, 1));
    input.insertAdjacentElement("afterend", buttons);
  }

  function start() {
    if (document.getElementById("result_list") && new URLSearchParams(window.location.search).has("o")) {
      return;
    }
    status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    document.body.appendChild(status);
    document.querySelectorAll("input.position-input").forEach(enhance);
    // Rows added with "Add another" get their buttons too.
    document.addEventListener("formset:added", function (event) {
      event.target.querySelectorAll("input.position-input").forEach(enhance);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
