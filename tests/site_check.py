"""Check the built website in a real browser (Debian's Chromium, driven by Selenium).

For every page of ``_build/html``, served on 127.0.0.1: it loads; the browser
logs no console error; no request leaves 127.0.0.1; every image has loaded;
every equation is typeset by MathJax and no raw TeX is visible; axe-core (from
the npm registry, injected from a local file) finds no critical or serious
violation.  Internal links are resolved against the files, the search page is
queried, a screenshot of each chapter is saved to ``_build/screenshots/``, and
the weight of each page (HTML plus images) is measured.

Used by ``tests/test_book.py``; also runnable alone after a build:
``python tests/site_check.py`` prints the report.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import socketserver
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "_build" / "screenshots"
AXE_CANDIDATES = [
    ROOT / ".venv" / "npm" / "node_modules" / "axe-core" / "axe.min.js",
    ROOT / "node_modules" / "axe-core" / "axe.min.js",
]


def find_axe() -> Path | None:
    return next((p for p in AXE_CANDIDATES if p.is_file()), None)


def chromium_paths() -> tuple[str | None, str | None]:
    return shutil.which("chromium"), shutil.which("chromedriver")


# --------------------------------------------------------------------------- serving


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class SiteServer:
    """Serve a folder on 127.0.0.1 on a free port, in a background thread."""

    def __init__(self, folder: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# --------------------------------------------------------------------------- static checks


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.images: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "img" and a.get("src"):
            self.images.append(a["src"])


@functools.cache
def parse(path: Path) -> _LinkParser:
    parser = _LinkParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def pages(html: Path = HTML) -> list[Path]:
    """Every content page of the site (not Sphinx's genindex/search scaffolding)."""
    skip = {"genindex.html", "search.html"}
    return sorted(
        p for p in html.rglob("*.html") if p.name not in skip and "_static" not in p.parts and "_sources" not in p.parts
    )


def broken_internal_links(html: Path = HTML) -> list[str]:
    """Links to a file of the site that does not exist, or to an anchor the target lacks."""
    broken = []
    for page in pages(html):
        for href in parse(page).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(html)} -> {href}")
                continue
            if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in parse(target).ids:
                broken.append(f"{page.relative_to(html)} -> {href} (no such anchor)")
    return broken


_REFRESH = re.compile(r"""<meta\s+http-equiv=["']?refresh["']?\s+content=["']\s*\d+\s*;\s*url=([^"'>\s]+)""", re.I)


def redirect_target(page: Path) -> str | None:
    """The target of a page that only redirects (``<meta http-equiv="refresh" content="0; url=...">``), else None.

    Such a page (Jupyter Book's ``index.html``) is checked statically, not in the browser: it
    navigates away as soon as it loads, so any script run on it races with the redirect (a read of
    ``document.body`` failed once in a first run for that reason).  Its target is a page of its own.
    """
    match = _REFRESH.search(page.read_text(encoding="utf-8", errors="replace")[:2000])
    return match.group(1) if match else None


def page_weight(page: Path) -> int:
    """Bytes of the page's HTML plus every image it shows."""
    total = page.stat().st_size
    for src in set(parse(page).images):
        if urlsplit(src).scheme:
            continue
        img = (page.parent / unquote(urlsplit(src).path)).resolve()
        if img.exists():
            total += img.stat().st_size
    return total


# --------------------------------------------------------------------------- browser checks


@dataclass
class PageResult:
    page: str
    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    broken_images: list[str] = field(default_factory=list)
    images: int = 0
    math_nodes: int = 0
    typeset: int = 0
    raw_tex: list[str] = field(default_factory=list)
    axe: list[str] = field(default_factory=list)
    axe_minor: int = 0
    weight: int = 0
    redirect: str | None = None


def make_driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, chromedriver = chromium_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--window-size=1280,1000",
        # Any host but 127.0.0.1 fails to resolve: a request that tries to leave is
        # both blocked and recorded (the performance log sees it).
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(chromedriver), options=options)


_PAGE_JS = r"""
const done = arguments[arguments.length - 1];
async function run() {
  window.scrollTo(0, document.body.scrollHeight);
  await new Promise(r => setTimeout(r, 50));
  window.scrollTo(0, 0);
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) { await MathJax.startup.promise; }
  const imgs = Array.from(document.images);
  await Promise.all(imgs.map(i => i.complete ? null : new Promise(r => { i.onload = i.onerror = r; })));
  const broken = imgs.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src'));
  const math = Array.from(document.querySelectorAll('.math, span.math, div.math'));
  const typeset = math.filter(m => m.querySelector('mjx-container')).length;
  // Visible text outside code: raw TeX delimiters mean MathJax did not run.
  const root = document.querySelector('main') || document.body;
  const skip = 'pre, code, script, style, mjx-container, .highlight, textarea';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: n => (n.parentElement && n.parentElement.closest(skip)) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  let text = '';
  while (walker.nextNode()) { text += walker.currentNode.nodeValue; }
  const raw = [];
  for (const pat of [/\$\$/, /\\\(/, /\\\[/, /\\begin\{/, /\\frac/]) { const m = text.match(pat); if (m) raw.push(m[0]); }
  done({images: imgs.length, broken: broken, math: math.length, typeset: typeset, raw: raw});
}
run().catch(e => done({error: String(e)}));
"""

_AXE_JS = r"""
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations'], preload: false}).then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, target: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))).catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: 0, target: []}]));
"""


def _requests(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
    return urls


def check_page(driver, base: str, rel: str, axe_source: str | None, screenshot: Path | None) -> PageResult:
    result = PageResult(page=rel)
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(urljoin(base, rel))
    data = driver.execute_async_script(_PAGE_JS)
    if "error" in data:
        result.console_errors.append("page script failed: " + data["error"])
        return result
    result.images = data["images"]
    result.broken_images = data["broken"]
    result.math_nodes = data["math"]
    result.typeset = data["typeset"]
    result.raw_tex = data["raw"]
    if axe_source:
        driver.execute_script(axe_source)
        for v in driver.execute_async_script(_AXE_JS):
            if v["impact"] in ("critical", "serious"):
                result.axe.append(f"{v['impact']} {v['id']}: {v['help']} ({v['nodes']} nodes: {v['target']})")
            else:
                result.axe_minor += 1
    if screenshot is not None:
        height = driver.execute_script("return Math.min(document.body.scrollHeight, 12000)")
        driver.set_window_size(1280, max(1000, int(height)))
        driver.save_screenshot(str(screenshot))
        driver.set_window_size(1280, 1000)
    origin = base.rstrip("/")
    result.outside_requests = [
        u for u in _requests(driver) if not (u.startswith(origin) or u.startswith(("data:", "blob:", "about:")))
    ]
    result.console_errors += [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    return result


def search(driver, base: str, query: str) -> list[str]:
    """The result links of the site's search page for ``query``, best first."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(urljoin(base, "search.html") + "?q=" + query)
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script(
            "const s = document.querySelector('#search-results');"
            "return s && (s.querySelectorAll('li').length > 0 || /did not match|no results/i.test(s.textContent)) && !/Searching/.test((s.querySelector('h2')||{}).textContent||'');"
        )
    )
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#search-results li > a')).map(a => a.getAttribute('href'));"
    )


@dataclass
class SiteReport:
    results: list[PageResult]
    broken_links: list[str]
    searches: dict[str, list[str]]
    seconds: float
    axe_available: bool

    def table(self) -> str:
        lines = [
            "| page | KB | images | equations typeset | console errors | outside requests | axe serious+ | axe minor |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in self.results:
            if r.redirect is not None:
                lines.append(
                    f"| {r.page} (redirects to {r.redirect}, checked statically) | {r.weight / 1024:.0f} | | | {len(r.console_errors)} | | | |"
                )
                continue
            lines.append(
                f"| {r.page} | {r.weight / 1024:.0f} | {r.images} | {r.typeset}/{r.math_nodes} | {len(r.console_errors)} "
                f"| {len(r.outside_requests)} | {len(r.axe)} | {r.axe_minor} |"
            )
        largest = max(self.results, key=lambda r: r.weight)
        lines.append("")
        lines.append(
            f"{len(self.results)} pages checked in {self.seconds:.1f} s; requests blocked: "
            f"{sum(len(r.outside_requests) for r in self.results)}; largest page: {largest.page} "
            f"({largest.weight / 1024:.0f} KB); axe serious+: {sum(len(r.axe) for r in self.results)}, "
            f"minor: {sum(r.axe_minor for r in self.results)}; broken internal links: {len(self.broken_links)}"
        )
        for q, hits in self.searches.items():
            lines.append(f"search {q!r}: {hits[:3]}")
        return "\n".join(lines)


def check_site(html: Path = HTML, screenshots: Path | None = SCREENSHOTS, queries=("sqrt(6)", "Kaiming")) -> SiteReport:
    start = time.perf_counter()
    axe_path = find_axe()
    axe_source = axe_path.read_text() if axe_path else None
    if screenshots is not None:
        screenshots.mkdir(parents=True, exist_ok=True)
    results = []
    with SiteServer(html) as server:
        driver = make_driver()
        try:
            driver.set_script_timeout(60)
            for page in pages(html):
                rel = page.relative_to(html).as_posix()
                target = redirect_target(page)
                if target is not None:
                    r = PageResult(page=rel, redirect=target, weight=page_weight(page))
                    if not (page.parent / unquote(urlsplit(target).path)).is_file():
                        r.console_errors.append(f"redirects to {target}, which does not exist")
                    results.append(r)
                    continue
                shot = None
                if screenshots is not None and rel.startswith("chapters/"):
                    shot = screenshots / (page.stem + ".png")
                r = check_page(driver, server.base, rel, axe_source, shot)
                r.weight = page_weight(page)
                results.append(r)
            searches = {q: search(driver, server.base, q) for q in queries}
        finally:
            driver.quit()
    return SiteReport(
        results, broken_internal_links(html), searches, time.perf_counter() - start, axe_source is not None
    )


if __name__ == "__main__":
    report = check_site()
    print(report.table())
