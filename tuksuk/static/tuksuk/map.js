// The households map (Leaflet). Without a tile URL the background stays plain: no request leaves the server.
document.addEventListener("DOMContentLoaded", async () => {
  const element = document.getElementById("map");
  if (!element || !window.L) return;
  const config = JSON.parse(document.getElementById("map-config").textContent);
  const map = L.map(element, { preferCanvas: true, maxZoom: 18 }).setView([13.7, 100.5], 6);
  if (config.tiles) L.tileLayer(config.tiles, { maxZoom: 18 }).addTo(map);
  L.control.scale({ metric: true, imperial: false }).addTo(map);
  const colours = { open: "#D55E00", done: "#0072B2", lifted: "#009E73" };
  const get = async (url) => (await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })).json();
  const [households, areas] = await Promise.all([get(config.households), get(config.areas)]);

  const circles = L.geoJSON(areas, {
    pointToLayer: (feature, latlng) => L.circleMarker(latlng, {
      radius: 6 + 3 * Math.sqrt(feature.properties.stories), color: "#555", weight: 1, fillColor: "#999", fillOpacity: 0.25,
    }).bindTooltip(`${feature.properties.name}: ${config.labels.stories} ${feature.properties.stories}, ${config.labels.overdue} ${feature.properties.overdue}`)
      .on("click", () => { window.location = `${config.dashboard_url}?area=${feature.properties.code}`; }),
  }).addTo(map);

  const cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
  L.geoJSON(households, {
    pointToLayer: (feature, latlng) => L.circleMarker(latlng, {
      radius: 6, weight: 1, color: "#fff", fillColor: colours[feature.properties.state], fillOpacity: 0.9,
    }).bindPopup(() => {
      const link = document.createElement("a");
      link.href = `${config.household_url}${feature.properties.house_code}/`;
      link.textContent = `${feature.properties.name} (${feature.properties.house_code})`;
      const box = document.createElement("div");
      box.append(link, document.createElement("br"), config.labels[feature.properties.state]);
      return box;
    }),
  }).eachLayer((layer) => cluster.addLayer(layer));
  map.addLayer(cluster);
  element.dataset.points = String(households.features.length);
  const bounds = cluster.getBounds().isValid() ? cluster.getBounds() : circles.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds.pad(0.1));
});
