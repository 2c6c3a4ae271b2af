// Small behaviours without inline scripts (the CSP forbids them).
document.addEventListener("click", function (event) {
  const printer = event.target.closest("[data-action='print']");
  if (printer) { window.print(); }
  const confirmer = event.target.closest("[data-confirm]");
  if (confirmer && !window.confirm(confirmer.dataset.confirm)) { event.preventDefault(); }
});
document.addEventListener("change", function (event) {
  const all = event.target.closest("[data-check-all]");
  if (all) {
    document.querySelectorAll(all.dataset.checkAll).forEach(function (box) { box.checked = all.checked; });
  }
});
