// The print layout's "Print" button: shown only where a script can open the print dialog.
const button = document.getElementById("print-button");
if (button) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
