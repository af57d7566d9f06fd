// Dashboard charts (Apache ECharts). Colours from the Okabe-Ito palette, readable by colour-blind users;
// every chart has its numbers in a table next to it as well.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("chart-data");
  if (!source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"];
  const font = { fontFamily: "Sarabun, sans-serif" };
  const charts = [];
  const category = document.getElementById("chart-category");
  if (category) {
    const chart = echarts.init(category, null, { renderer: "svg" });
    chart.setOption({
      color: palette, textStyle: font, grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: data.categories.map((name, i) => `${i + 1}. ${name}`),
               axisLabel: { width: 160, overflow: "truncate" } },
      tooltip: { trigger: "axis" },
      series: [{ type: "bar", data: data.category_counts, label: { show: true, position: "right" },
                 itemStyle: { color: (p) => palette[p.dataIndex % palette.length] } }],
    });
    charts.push(chart);
  }
  const trend = document.getElementById("chart-trend");
  if (trend) {
    const chart = echarts.init(trend, null, { renderer: "svg" });
    const series = {
      monthly: [data.months, data.recorded, data.resolved],
      weekly: [data.weeks, data.weekly_recorded, data.weekly_resolved],
    };
    const show = (period) => {
      const [labels, recorded, resolved] = series[period];
      chart.setOption({
        color: [palette[0], palette[2]], textStyle: font, tooltip: { trigger: "axis" },
        legend: { bottom: 0 }, grid: { left: 8, right: 16, top: 16, bottom: 32, containLabel: true },
        xAxis: { type: "category", data: labels },
        yAxis: { type: "value", minInterval: 1 },
        series: [
          { name: data.labels.recorded, type: "line", data: recorded, symbol: "circle" },
          { name: data.labels.resolved, type: "line", data: resolved, symbol: "triangle", lineStyle: { type: "dashed" } },
        ],
      });
      document.querySelectorAll("[data-trend]").forEach((button) => {
        const active = button.dataset.trend === period;
        button.classList.toggle("active", active);
        button.setAttribute("aria-pressed", String(active));
      });
    };
    document.querySelectorAll("[data-trend]").forEach((button) =>
      button.addEventListener("click", () => show(button.dataset.trend)));
    show("monthly");
    charts.push(chart);
  }
  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
});
