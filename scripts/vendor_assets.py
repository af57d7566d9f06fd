"""Copy the front-end files Tuksuk serves from node_modules/ into var/assets/vendor/ (served as /static/vendor/).

Run by `make assets` after `npm ci`; nothing copied here is committed.
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
DEST = ROOT / "var" / "assets" / "vendor"

FILES = {
    "bootstrap/dist/css/bootstrap.min.css": "bootstrap/bootstrap.min.css",
    "bootstrap/dist/css/bootstrap.min.css.map": "bootstrap/bootstrap.min.css.map",
    "bootstrap/dist/js/bootstrap.bundle.min.js": "bootstrap/bootstrap.bundle.min.js",
    "bootstrap/dist/js/bootstrap.bundle.min.js.map": "bootstrap/bootstrap.bundle.min.js.map",
    "bootstrap-icons/font/bootstrap-icons.min.css": "bootstrap-icons/bootstrap-icons.min.css",
    "bootstrap-icons/font/fonts/bootstrap-icons.woff2": "bootstrap-icons/fonts/bootstrap-icons.woff2",
    "bootstrap-icons/font/fonts/bootstrap-icons.woff": "bootstrap-icons/fonts/bootstrap-icons.woff",
    "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
    "echarts/dist/echarts.min.js": "echarts/echarts.min.js",
    "leaflet/dist/leaflet.js": "leaflet/leaflet.js",
    "leaflet/dist/leaflet.css": "leaflet/leaflet.css",
    "leaflet/dist/images/marker-icon.png": "leaflet/images/marker-icon.png",
    "leaflet/dist/images/marker-icon-2x.png": "leaflet/images/marker-icon-2x.png",
    "leaflet/dist/images/marker-shadow.png": "leaflet/images/marker-shadow.png",
    "leaflet/dist/images/layers.png": "leaflet/images/layers.png",
    "leaflet.markercluster/dist/leaflet.markercluster.js": "leaflet/leaflet.markercluster.js",
    "leaflet.markercluster/dist/MarkerCluster.css": "leaflet/MarkerCluster.css",
    "leaflet.markercluster/dist/MarkerCluster.Default.css": "leaflet/MarkerCluster.Default.css",
    "swagger-ui-dist/swagger-ui.css": "swagger-ui/swagger-ui.css",
    "swagger-ui-dist/swagger-ui-bundle.js": "swagger-ui/swagger-ui-bundle.js",
    "swagger-ui-dist/swagger-ui-standalone-preset.js": "swagger-ui/swagger-ui-standalone-preset.js",
    "swagger-ui-dist/favicon-32x32.png": "swagger-ui/favicon-32x32.png",
}
SARABUN_WEIGHTS = ("400", "600")


def main() -> int:
    if not NODE.exists():
        print("node_modules/ is missing: run `npm ci` first", file=sys.stderr)
        return 1
    for source, target in FILES.items():
        path = DEST / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NODE / source, path)
    # Sarabun (Thai + Latin subsets only), one stylesheet for the weights the UI uses.
    sarabun = NODE / "@fontsource" / "sarabun"
    fonts = DEST / "sarabun" / "files"
    fonts.mkdir(parents=True, exist_ok=True)
    css = []
    for weight in SARABUN_WEIGHTS:
        css.append((sarabun / f"{weight}.css").read_text(encoding="utf-8"))
        for subset in ("thai", "latin", "latin-ext"):
            for ext in ("woff2", "woff"):
                name = f"sarabun-{subset}-{weight}-normal.{ext}"
                shutil.copyfile(sarabun / "files" / name, fonts / name)
    stylesheet = "\n".join(css)
    # Drop @font-face rules of subsets we do not ship (vietnamese).
    blocks = [b for b in stylesheet.split("/*") if "vietnamese" not in b]
    (DEST / "sarabun" / "sarabun.css").write_text("/*".join(blocks), encoding="utf-8")
    print(f"Front-end assets copied to {DEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
