// Progressive enhancement only: every page works without this file.
// "Send to a friend" (ارسل الى صديق): a native <dialog>, closed by its x
// button, Esc (native) or a click outside the form.
"use strict";
document.addEventListener("click", (event) => {
  const opener = event.target.closest("[data-opens]");
  if (opener) {
    const dialog = document.getElementById(opener.dataset.opens);
    if (dialog && typeof dialog.showModal === "function") {
      dialog.showModal();
      const first = dialog.querySelector("input");
      if (first) first.focus();
    }
    return;
  }
  const closer = event.target.closest("[data-closes]");
  if (closer) {
    document.getElementById(closer.dataset.closes)?.close();
    return;
  }
  // A click on the backdrop lands on the <dialog> element itself, but so does
  // a click on the dialog's own padding: close only when outside its box.
  if (event.target instanceof HTMLDialogElement) {
    const r = event.target.getBoundingClientRect();
    const inside = event.clientX >= r.left && event.clientX <= r.right &&
      event.clientY >= r.top && event.clientY <= r.bottom;
    if (!inside) event.target.close();
  }
});
