// Public figure charts (Apache ECharts). Suppressed district figures ("<5") come as null: no bar, and the
// tables next to the charts show "<5".
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
      color: palette, textStyle: font, grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: data.categories.map((name, i) => `${i + 1}. ${name}`),
               axisLabel: { width: 150, overflow: "truncate" } },
      tooltip: { trigger: "axis" },
      series: [{ type: "bar", data: data.category_values, label: { show: true, position: "right" },
                 itemStyle: { color: (p) => palette[p.dataIndex % palette.length] } }],
    });
    charts.push(chart);
  }
  const sdg = document.getElementById("chart-sdg");
  if (sdg) {
    const chart = echarts.init(sdg, null, { renderer: "svg" });
    chart.setOption({
      color: [palette[0], palette[2]], textStyle: font, tooltip: { trigger: "axis" }, legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 32, containLabel: true },
      xAxis: { type: "category", data: data.sdgs, axisLabel: { rotate: 45 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: data.labels.stories, type: "bar", data: data.sdg_values },
        { name: data.labels.done, type: "bar", data: data.sdg_done },
      ],
    });
    charts.push(chart);
  }
  window.addEventListener("resize", () => charts.forEach((c) => c.resize()));
});
