// Small behaviours without inline script (the Content-Security-Policy forbids it).
document.addEventListener("DOMContentLoaded", () => {
  document.documentElement.classList.add("js");
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.requestSubmit());
  }
  // A contract form shows the parts its template's kind uses (every part shows without JavaScript).
  for (const select of document.querySelectorAll("select[data-kind-switch]")) {
    const show = () => {
      const option = select.selectedOptions[0];
      const kind = option ? option.dataset.kind || "" : "";
      for (const part of select.form.querySelectorAll("fieldset[data-kinds]")) {
        part.hidden = kind !== "" && !part.dataset.kinds.split(" ").includes(kind);
      }
    };
    select.addEventListener("change", show);
    show();
  }
  document.addEventListener("submit", (event) => {
    const button = event.submitter;
    if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
    }
  });
});
