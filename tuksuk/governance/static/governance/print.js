// Print buttons of the governance pages (no inline JavaScript: the site's CSP allows scripts from 'self' only).
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
});
