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
      const first = dialog.querySelector("input:not([type=hidden])");
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

// Comments: post without a reload (same server rules; the form works without
// this script too), and "reply" fills the hidden parent field.
document.addEventListener("click", (event) => {
  const reply = event.target.closest("[data-reply]");
  if (!reply) return;
  const form = document.querySelector("[data-comment-form]");
  if (!form) return;
  event.preventDefault();
  form.elements.parent.value = reply.dataset.reply;
  const status = form.querySelector(".form-status");
  status.textContent = "↩ " + reply.dataset.replyName;
  form.elements.name.focus();
});

document.addEventListener("submit", async (event) => {
  const form = event.target.closest("[data-comment-form]");
  if (!form) return;
  event.preventDefault();
  const status = form.querySelector(".form-status");
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin",
    });
    const data = await response.json();
    if (response.ok) {
      status.textContent = data.message;
      status.className = "form-status ok";
      form.elements.comment.value = "";
      form.elements.parent.value = "";
    } else {
      status.textContent = (data.errors || [data.error]).join(" ");
      status.className = "form-status error";
    }
  } catch (e) {
    status.textContent = "تعذّر الاتصال بالموقع. حاول مرة أخرى.";
    status.className = "form-status error";
  } finally {
    button.disabled = false;
  }
});

// Send to a friend without leaving the page (the form also works without JS).
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("[data-send-form]");
  if (!form) return;
  event.preventDefault();
  const status = form.querySelector(".form-status");
  try {
    const response = await fetch(form.action, {
      method: "POST",
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin",
    });
    const data = await response.json();
    status.textContent = response.ok ? data.message : (data.errors || [data.error]).join(" ");
    status.className = "form-status " + (response.ok ? "ok" : "error");
    if (response.ok) form.elements.to.value = "";
  } catch (e) {
    status.textContent = "تعذّر الاتصال بالموقع. حاول مرة أخرى.";
    status.className = "form-status error";
  }
});
