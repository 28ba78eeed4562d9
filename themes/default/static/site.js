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
  // Say whom the reader answers where they will look: the form's heading.
  const heading = form.closest(".respond").querySelector("h3");
  heading.dataset.original ??= heading.textContent;
  heading.textContent = heading.dataset.replying + " " + reply.dataset.replyName;
  form.closest(".respond").scrollIntoView({ block: "start" });
  form.elements.name.focus({ preventScroll: true });
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
    const data = await readAnswer(response);
    if (response.ok) {
      status.textContent = data.message;
      status.className = "form-status ok";
      form.elements.comment.value = "";
      form.elements.parent.value = "";
      const heading = form.closest(".respond").querySelector("h3");
      if (heading.dataset.original) heading.textContent = heading.dataset.original;
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
    const data = await readAnswer(response);
    status.textContent = response.ok ? data.message : (data.errors || [data.error]).join(" ");
    status.className = "form-status " + (response.ok ? "ok" : "error");
    if (response.ok) form.elements.to.value = "";
  } catch (e) {
    status.textContent = "تعذّر الاتصال بالموقع. حاول مرة أخرى.";
    status.className = "form-status error";
  }
});

// The server answers JSON; anything else (a proxy's error page) still gets an
// Arabic sentence rather than "could not connect".
async function readAnswer(response) {
  if ((response.headers.get("Content-Type") || "").includes("application/json"))
    return response.json();
  return { error: "حدث خطأ في الموقع (" + response.status + "). حاول مرة أخرى بعد قليل." };
}
