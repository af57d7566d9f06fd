// Small behaviours for Tuksuk pages. No framework: htmx does the rest.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-tuksuk-locate]");
  if (!button) return;
  const status = document.querySelector("[data-tuksuk-locate-status]");
  if (!navigator.geolocation) { if (status) status.textContent = "✗"; return; }
  if (status) status.textContent = "…";
  navigator.geolocation.getCurrentPosition((position) => {
    document.querySelector("[name=latitude]").value = position.coords.latitude.toFixed(6);
    document.querySelector("[name=longitude]").value = position.coords.longitude.toFixed(6);
    if (status) status.textContent = "✓ ±" + Math.round(position.coords.accuracy) + " m";
  }, () => { if (status) status.textContent = "✗"; }, { enableHighAccuracy: true, timeout: 15000 });
});

// Story form: show only the indicators of the chosen category (all stay selectable by "show all").
function filterIndicators() {
  const chosen = document.querySelector("input[name=category]:checked");
  document.querySelectorAll("[data-indicator-category]").forEach((item) => {
    const input = item.querySelector("input");
    const show = !chosen || item.dataset.indicatorCategory === chosen.value || (input && input.checked);
    item.hidden = !show;
  });
}
document.addEventListener("change", (event) => {
  if (event.target.name === "category") filterIndicators();
});
document.addEventListener("DOMContentLoaded", filterIndicators);

// Behaviours named by data attributes (the Content-Security-Policy allows no inline onclick/onchange):
//   data-tuksuk-print                      a button that prints the page
//   data-tuksuk-autosubmit                 a select that submits its form when changed
//   data-tuksuk-fill="ID" data-tuksuk-value="V"   a button that puts V into the field with id ID
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-tuksuk-print]")) { window.print(); return; }
  const filler = event.target.closest("[data-tuksuk-fill]");
  if (filler) {
    const field = document.getElementById(filler.dataset.tuksukFill);
    if (field) { field.value = filler.dataset.tuksukValue; field.dispatchEvent(new Event("change", { bubbles: true })); }
  }
});
document.addEventListener("change", (event) => {
  const select = event.target.closest("[data-tuksuk-autosubmit]");
  if (select && select.form) select.form.submit();
});
