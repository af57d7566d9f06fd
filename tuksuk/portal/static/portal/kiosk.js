// Exhibition screen: rotate through the slides, full screen on request, reload now and then for new highlights.
document.addEventListener("DOMContentLoaded", () => {
  const stage = document.querySelector(".kiosk-stage");
  if (!stage) return;
  const slides = Array.from(stage.querySelectorAll(".kiosk-slide"));
  let current = 0;
  const interval = Number(stage.dataset.interval) || 12000;
  function show(next) {
    slides[current].classList.remove("active");
    current = (next + slides.length) % slides.length;
    slides[current].classList.add("active");
  }
  if (slides.length > 1) setInterval(() => show(current + 1), interval);
  document.addEventListener("keydown", (event) => {
    if (event.key === "ArrowRight") show(current + 1);
    if (event.key === "ArrowLeft") show(current - 1);
  });
  const full = document.querySelector("[data-kiosk='fullscreen']");
  if (full) full.addEventListener("click", () => document.documentElement.requestFullscreen?.());
  const reload = Number(stage.dataset.reload) || 0;
  if (reload) setTimeout(() => window.location.reload(), reload);
});
