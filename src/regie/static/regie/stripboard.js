// Drag and drop on a stripboard: posts the new order of the strips; the Up/Down buttons work without it.
document.addEventListener("DOMContentLoaded", () => {
  const board = document.querySelector("[data-stripboard]");
  if (!board || typeof window.Sortable === "undefined") {
    return;
  }
  const message = document.querySelector("[data-board-message]");
  const csrf = () => {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  };
  window.Sortable.create(board, {
    handle: ".strip-handle",
    animation: 150,
    onEnd: async () => {
      const body = new FormData();
      body.append("order", [...board.querySelectorAll(":scope > [data-id]")].map((li) => li.dataset.id).join(","));
      body.append("version", board.dataset.version);
      const response = await fetch(board.dataset.orderUrl, {
        method: "POST",
        body,
        headers: { "X-CSRFToken": csrf(), Accept: "application/json" },
        credentials: "same-origin",
      });
      const answer = await response.json().catch(() => ({}));
      if (response.ok) {
        board.dataset.version = answer.version;
        for (const input of document.querySelectorAll("input[name=version]")) {
          input.value = answer.version;
        }
        window.location.reload();
      } else if (message) {
        message.textContent = answer.error || response.statusText;
        message.hidden = false;
      }
    },
  });
});
