// A job's progress, watched until it ends: one small component for every page that starts long
// work. Markup: <div class="job-progress" data-job-url="/api/jobs/7/"></div> (or call watchJob).

const POLL_MS = 1000;

function render(box, job) {
  box.dataset.status = job.status;
  box.innerHTML = "";
  const bar = document.createElement("progress");
  bar.max = 100;
  bar.value = job.progress;
  bar.setAttribute("aria-label", job.status_label);
  const text = document.createElement("span");
  text.className = "job-progress-text";
  text.textContent = `${job.status_label} – ${job.progress}%` + (job.message ? ` – ${job.message}` : "");
  box.append(bar, text);
  if (job.status === "failed" && job.error) {
    const error = document.createElement("p");
    error.className = "job-progress-error";
    error.textContent = job.error;
    box.append(error);
  }
}

export async function watchJob(box, url, onDone = () => {}) {
  box.setAttribute("role", "status");
  box.setAttribute("aria-live", "polite");
  for (;;) {
    const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
    if (!response.ok) {
      box.textContent = `${response.status} ${response.statusText}`;
      return null;
    }
    const job = await response.json();
    render(box, job);
    if (job.status === "succeeded" || job.status === "failed") {
      onDone(job);
      return job;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

// Buttons that start a job: <button data-start-job="/api/access/recompute" data-csrf="...">.
document.querySelectorAll("[data-start-job]").forEach((button) => {
  const box = document.getElementById(button.dataset.progressBox);
  button.addEventListener("click", async () => {
    button.disabled = true;
    const response = await fetch(button.dataset.startJob, {
      method: "POST",
      headers: { Accept: "application/json", "X-CSRFToken": button.dataset.csrf },
    });
    const job = await response.json();
    if (!response.ok) {
      box.textContent = job.detail || response.statusText;
      button.disabled = false;
      return;
    }
    await watchJob(box, job.url);
    button.disabled = false;
  });
});

document.querySelectorAll(".job-progress[data-job-url]").forEach((box) => watchJob(box, box.dataset.jobUrl));
