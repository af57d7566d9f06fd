// Blur editor: tap-drag (finger or mouse) on the photo to draw a box; boxes are kept in 0–1 coordinates of the
// upright photo, listed with remove buttons, and sent as JSON. The server does the blurring at approval.
document.addEventListener("DOMContentLoaded", () => {
  const canvas = document.getElementById("blur-canvas");
  const list = document.getElementById("blur-list");
  const field = document.getElementById("blur-boxes");
  if (!canvas || !list) return;
  const editable = Boolean(field);
  const itemLabel = document.getElementById("blur-item-label").innerHTML;
  const removeLabel = document.getElementById("blur-remove-label").innerHTML;
  let boxes = JSON.parse(document.getElementById("blur-initial").textContent || "[]") || [];
  let start = null;
  let drawing = null;
  const clamp = (v) => Math.min(1, Math.max(0, v));
  function point(event) {
    const rect = canvas.getBoundingClientRect();
    return [clamp((event.clientX - rect.left) / rect.width), clamp((event.clientY - rect.top) / rect.height)];
  }
  function place(el, box) {
    el.style.left = `${Math.min(box[0], box[2]) * 100}%`;
    el.style.top = `${Math.min(box[1], box[3]) * 100}%`;
    el.style.width = `${Math.abs(box[2] - box[0]) * 100}%`;
    el.style.height = `${Math.abs(box[3] - box[1]) * 100}%`;
  }
  function overlay(box) {
    const el = document.createElement("div");
    el.className = "blur-box position-absolute border border-3 border-danger";
    el.style.background = "rgba(220, 53, 69, .35)";
    el.style.backdropFilter = "blur(6px)";
    place(el, box);
    canvas.appendChild(el);
    return el;
  }
  function render() {
    canvas.querySelectorAll(".blur-box").forEach((el) => el.remove());
    list.innerHTML = "";
    boxes.forEach((box, index) => {
      overlay(box);
      const li = document.createElement("li");
      li.className = "list-group-item d-flex justify-content-between align-items-center";
      li.textContent = `${itemLabel} ${index + 1}`;
      if (editable) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-sm btn-outline-danger";
        button.textContent = removeLabel;
        button.addEventListener("click", () => { boxes.splice(index, 1); render(); });
        li.appendChild(button);
      }
      list.appendChild(li);
    });
    if (field) field.value = JSON.stringify(boxes);
  }
  if (editable) {
    canvas.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      canvas.setPointerCapture(event.pointerId);
      start = point(event);
      drawing = overlay([...start, ...start]);
    });
    canvas.addEventListener("pointermove", (event) => {
      if (!start) return;
      place(drawing, [...start, ...point(event)]);
    });
    const finish = (event) => {
      if (!start) return;
      const end = point(event);
      const box = [Math.min(start[0], end[0]), Math.min(start[1], end[1]), Math.max(start[0], end[0]), Math.max(start[1], end[1])];
      start = null;
      drawing.remove();
      if (box[2] - box[0] > 0.01 && box[3] - box[1] > 0.01) boxes.push(box.map((v) => Math.round(v * 10000) / 10000));
      render();
    };
    canvas.addEventListener("pointerup", finish);
    canvas.addEventListener("pointercancel", () => { start = null; if (drawing) drawing.remove(); });
  }
  render();
});
