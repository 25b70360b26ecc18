// Opening hours and closures: add and remove time ranges, seasonal timetables and closure rows.
// The server renders enough empty rows to be used without this script; it only adds more.

function clearRow(row) {
  for (const input of row.querySelectorAll("input")) {
    input.value = "";
  }
  for (const error of row.querySelectorAll(".error")) {
    error.remove();
  }
  row.classList.remove("has-error");
}

function addCopy(container, selector) {
  const rows = container.querySelectorAll(selector);
  const copy = rows[rows.length - 1].cloneNode(true);
  clearRow(copy);
  container.append(copy);
  const first = copy.querySelector("input");
  if (first) {
    first.focus();
  }
}

function removeOrClear(row, selector) {
  const siblings = row.parentElement.querySelectorAll(selector);
  if (siblings.length > 1) {
    const previous = row.previousElementSibling || row.nextElementSibling;
    row.remove();
    const input = previous && previous.querySelector("input");
    if (input) {
      input.focus();
    }
  } else {
    clearRow(row);
  }
}

function addTimetable(section) {
  const template = section.querySelector("template.timetable-template");
  const tables = section.querySelector(".timetables");
  const used = [...tables.querySelectorAll(".timetable")].map((t) => Number(t.dataset.index));
  const index = String(used.length ? Math.max(...used) + 1 : 0);
  const copy = template.content.firstElementChild.cloneNode(true);
  copy.dataset.index = index;
  for (const input of copy.querySelectorAll("[name]")) {
    input.name = input.name.replace("__T__", index);
  }
  for (const button of copy.querySelectorAll("button[hidden]")) {
    button.hidden = false;
  }
  tables.append(copy);
  copy.querySelector("input").focus();
}

export function setupHours(section) {
  for (const button of section.querySelectorAll("button[data-action]")) {
    button.hidden = false;
  }
  section.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (!button || !section.contains(button)) {
      return;
    }
    const action = button.dataset.action;
    if (action === "add-slot") {
      addCopy(button.closest(".day").querySelector(".slots"), ".slot");
    } else if (action === "remove-slot") {
      removeOrClear(button.closest(".slot"), ".slot");
    } else if (action === "add-timetable") {
      addTimetable(section);
    } else if (action === "add-closure") {
      addCopy(section.querySelector(".closure-rows"), ".closure-row");
    } else if (action === "remove-closure") {
      removeOrClear(button.closest(".closure-row"), ".closure-row");
    }
  });
}
