/* Tertulia comments (README). User text goes in as text, or as server-sanitised HTML. */
(function () {
"use strict";

var script = document.currentScript || document.querySelector('script[src$="/embed.js"]');
if (!script || window.__tertulia) return;
window.__tertulia = true;

var API = script.src.replace(/\/embed\.js(\?.*)?$/, "");
var STORE = "tertulia:" + API;

var I18N = {
  en: {
    count: { zero: "No comments yet", one: "1 comment", other: "{n} comments" },
    links: "No comments", reply: "Reply", more: "Load more comments",
    report: "Report", featured: "Featured", staff: "Staff",
    awaiting: "Your comment is awaiting moderation.", deleted: "This comment was deleted.",
    offline: "Could not reach the comment server. Please try again.",
    failed: "Comments could not be loaded.",
    sort: "Sort by", sorts: ["Oldest", "Newest", "Top"],
    like: "Like", likes: { zero: "No likes yet", one: "1 like", other: "{n} likes" },
    link: "Link", on: "on {title}", edited: "edited", isNew: "New", skip: "Skip to the comment form"
  }
};
var CSS = [
  ".t{all:initial;display:block;container-type:inline-size;color-scheme:light dark;",
  "--a:var(--tertulia-accent,light-dark(#0b57d0,#a8c7fa));--o:var(--tertulia-on-accent,light-dark(#fff,#062e6f));",
  "--b:var(--tertulia-background,light-dark(#fff,#1f1f1f));--f:var(--tertulia-text,light-dark(#1f1f1f,#e3e3e3));",
  "--m:var(--tertulia-muted,light-dark(#5e6166,#b0b3b8));--l:var(--tertulia-border,light-dark(#74777f,#8e918f));",
  "--e:light-dark(#b3261e,#f2b8b5);--r:var(--tertulia-radius,8px);",
  "background:var(--tertulia-background,transparent);color:var(--f);font:16px/1.55 var(--tertulia-font,system-ui,sans-serif);padding:.25em clamp(.4em,3%,.75em)}",
  ".t[data-theme=light]{color-scheme:light}.t[data-theme=dark]{color-scheme:dark}",
  "[hidden]{display:none!important}*{box-sizing:border-box}a{color:var(--a)}:focus-visible{outline:2px solid var(--a);outline-offset:2px}",
  "h2,h3{line-height:1.3}h2{font-size:1.3em;margin:.8em 0 .4em}h3{font-size:1.1em;margin:0}",
  ".list{list-style:none;margin:0;padding:0}.replies{margin-left:clamp(.6em,5cqi,2.6em);padding-left:clamp(.4em,2cqi,1em);border-left:2px solid var(--l)}",
  ".comment{padding:.75em 0}.comment:focus{outline:none}.comment:focus-visible{outline:2px solid var(--a)}",
  "header{display:flex;flex-wrap:wrap;align-items:center;gap:.25em .6em}.avatar{border-radius:50%;flex:none}",
  ".author{font-weight:600}time,.edited{color:var(--m);font-size:.875em}",
  ".body{overflow-wrap:anywhere}.body p{margin:.4em 0}.body pre{overflow-x:auto;padding:.5em;border:1px solid var(--l);border-radius:var(--r)}",
  ".body blockquote{margin:.4em 0;padding-left:.8em;border-left:3px solid var(--l);color:var(--m)}",
  ".pending{color:var(--m);font-style:italic;margin:.3em 0}",
  ".badge{font-size:.75em;font-weight:600;border:1px solid var(--a);color:var(--a);border-radius:1em;padding:0 .5em}",
  ".feat{border:1px solid var(--l);border-radius:var(--r);padding:0 .8em;margin:.5em 0}.feat h3{margin-top:.6em}",
  "button{font:inherit;cursor:pointer;border-radius:var(--r)}",
  ".reply,.more{background:none;border:1px solid var(--l);color:var(--a);padding:.2em .65em;font-size:.875em}",
  ".more{display:block;margin:1em auto}button:disabled{opacity:.6;cursor:progress}",
  ".bar{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5em}",
  "select{font:inherit;color:var(--f);background:var(--b);border:1px solid var(--l);border-radius:var(--r)}",
  // Buttons wrap flush left; Like keeps its width whatever its count (no neighbour moves).
  ".acts{display:flex;flex-wrap:wrap;gap:.4em;margin-top:.3em}.like{min-width:5.6em;font-variant-numeric:tabular-nums}[lang=es] .like{min-width:7.6em}",
  ".like[aria-pressed=true]{background:var(--a);color:var(--o)}.hl{outline:3px solid var(--a);outline-offset:4px}",
  ".skip{position:absolute;left:-1e4px}.skip:focus{position:static}",
  ".status:empty{display:none}.status{padding:.5em .8em;border-left:4px solid var(--a)}",
  "@container (max-width:30em){.replies{margin-left:.4em;padding-left:.5em}}"
].join("");

function option(name, container) {
  return (container && container.getAttribute("data-" + name)) || script.getAttribute("data-" + name);
}
// The languages readers get (widget/i18n SHIPPED): a tag matches whole (pt-PT), else by its
// language (es-MX: es; pt: pt-BR, listed first).
var LANGS = ["en", "es", "fr", "de", "it", "pt-BR", "pt-PT"];
// A verified commenter's badge: its label in the reader's language, else in the one that
// language falls back on (widget/i18n FALLBACK), else in English (widget/identity/badges.py).
var FALLBACK = { "pt-PT": "pt-BR" };
function badge(b, lang) {
  return h("span", { class: "badge", text: b[lang] || b[FALLBACK[lang]] || b.en });
}
function pickLang(element) {
  var wanted = [element && (element.getAttribute("data-lang") || element.lang), script.getAttribute("data-lang"), document.documentElement.lang].concat(navigator.languages || []);
  for (var i = 0; i < wanted.length; i++) {
    var code = (wanted[i] || "").replace("_", "-").toLowerCase();
    var found = code && (LANGS.find((l) => l.toLowerCase() === code) || LANGS.find((l) => l.split("-")[0] === code.split("-")[0]));
    if (found) return found;
  }
  return "en";
}
// A file's strings in a language other than English (which each file carries), fetched once
// from what `flask i18n build` wrote (widget/i18n/build.py); English where one is missing.
var loaded = {};
function strings(lang, name) {
  var key = name + "." + lang;
  return (loaded[key] = loaded[key] || (lang === "en" ? Promise.resolve({}) : fetch(API + "/i18n/" + key + ".json").then((r) => (r.ok ? r.json() : {})).catch(() => ({}))));
}
function table(lang) {
  return strings(lang, "embed").then((own) => (I18N[lang] = Object.assign({}, I18N.en, own)));
}
function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key]);
}
function plural(lang, forms, n) {
  if (n === 0) return forms.zero;
  return fill(forms[new Intl.PluralRules(lang).select(n)] || forms.other, { n: n.toLocaleString(lang) });
}

// `auto`: light or dark after the background the page shows behind the widget.
function pageIsDark(element) {
  for (; element; element = element.parentElement) {
    var rgba = getComputedStyle(element).backgroundColor.match(/^rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?/);
    if (rgba && (rgba[4] == null || rgba[4] > 0.5)) return rgba[1] * 0.3 + rgba[2] * 0.59 + rgba[3] * 0.11 < 128;
  }
  return /dark/.test(getComputedStyle(document.documentElement).colorScheme) && matchMedia("(prefers-color-scheme: dark)").matches;
}

function ago(lang, date) {
  var seconds = (date - Date.now()) / 1000;
  var relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  var units = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60]];
  for (var i = 0; i < units.length; i++) {
    if (Math.abs(seconds) >= units[i][1]) return relative.format(Math.round(seconds / units[i][1]), units[i][0]);
  }
  return relative.format(0, "second");
}

function h(tag, props) {
  var node = document.createElement(tag);
  for (var key in props || {}) {
    var value = props[key];
    if (value == null || value === false) continue;
    if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (var i = 2; i < arguments.length; i++) {
    var child = arguments[i];
    if (child != null && child !== false) node.append(child);
  }
  return node;
}

// The one place HTML goes in: a comment's html, sanitised by the server.
function serverHtml(html) {
  var body = h("div", { class: "body" });
  body.innerHTML = html;
  return body;
}

var SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs) {
  var node = document.createElementNS(SVG, tag);
  for (var key in attrs) node.setAttribute(key, attrs[key]);
  return node;
}
function identicon(seed) {
  var digits = (seed || "").split("").map((c) => parseInt(c, 16) || 0);
  var hue = ((digits[0] << 12) | (digits[1] << 8) | (digits[2] << 4) | digits[3]) % 360;
  var icon = svg("svg", { viewBox: "0 0 5 5", width: 40, height: 40, class: "avatar", "aria-hidden": "true", focusable: "false" });
  // One path for all the filled cells: a hundred avatars stay a few hundred nodes.
  var cells = "";
  for (var n = 0; n < 15; n++) {
    var x = n % 3;
    if (digits[4 + n] % 2) new Set([x, 4 - x]).forEach((c) => { cells += "M" + c + " " + (n - x) / 3 + "h1v1h-1z"; });
  }
  icon.append(svg("rect", { width: 5, height: 5, fill: "hsl(" + hue + " 45% 92%)" }));
  if (cells) icon.append(svg("path", { d: cells, fill: "hsl(" + hue + " 55% 42%)" }));
  return icon;
}

// `fresh`: revalidate with the server (If-None-Match from the browser's cache: a 304 when unchanged).
// A signed-in reader's token goes on writes only, in a header: never in a URL or a cookie.
var bearer;
function request(path, body, method, fresh) {
  var init = body ? { method: method || "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) } : {};
  if (body && bearer) init.headers.Authorization = "Bearer " + bearer;
  init.credentials = "omit";
  if (fresh) init.cache = "no-cache";
  return fetch(API + path, init).then(function (response) {
    return response.json().catch(function () { return {}; }).then(function (data) {
      data.status = response.status;
      data.wait = response.headers.get("Retry-After");
      return data;
    });
  }, function () { return { status: 0 }; });
}
function query(params) {
  return Object.keys(params).filter((k) => params[k]).map(function (k) {
    return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]);
  }).join("&");
}

function load(key) {
  try { return JSON.parse(localStorage.getItem(STORE + key)) || null; } catch (e) { return null; }
}
function save(key, value) {
  try {
    if (value == null) localStorage.removeItem(STORE + key);
    else localStorage.setItem(STORE + key, JSON.stringify(value));
  } catch (e) { }
}

function fillCounts() {
  var links = Array.prototype.slice.call(document.querySelectorAll("a[data-comment-count]"), 0, 100);
  if (!links.length) return;
  var urls = links.map((a) => a.href.split("#")[0]);
  var unique = urls.filter((u, i) => urls.indexOf(u) === i);
  request("/api/counts?" + unique.map((u) => "url=" + encodeURIComponent(u)).join("&")).then(function (data) {
    if (!data.counts) return;
    links.forEach(function (a, i) {
      var n = data.counts[urls[i]];
      var lang = pickLang(a.closest("[lang]"));
      if (typeof n === "number") table(lang).then((t) => (a.textContent = plural(lang, Object.assign({}, t.count, { zero: t.links }), n)));
    });
  });
}

// A "latest comments" box: every [data-tertulia-latest] of the page, from one request.
function fillLatest() {
  var boxes = Array.prototype.slice.call(document.querySelectorAll("[data-tertulia-latest]"));
  var limit = (box) => Math.min(+box.getAttribute("data-limit") || 10, 50);
  if (!boxes.length) return;
  request("/api/latest?" + query({ origin: location.origin, limit: Math.max.apply(null, boxes.map(limit)) })).then(function (data) {
    if (!data.comments) return;
    boxes.forEach(function (box) {
      var lang = pickLang(box.closest("[lang]"));
      // Compact: who and when, one line of what they said (the link), where.
      table(lang).then((t) => box.replaceChildren(h("ul", { class: "tertulia-latest" }, ...data.comments.slice(0, limit(box)).map(function (c) {
        var text = serverHtml(c.html).textContent.replace(/\s+/g, " ").trim();
        var date = new Date(c.created_at);
        return h("li", null,
          h("div", { class: "tertulia-latest-meta" }, h("span", { class: "tertulia-latest-name", text: c.name }), " · ",
            h("time", { datetime: c.created_at, title: date.toLocaleString(lang), text: ago(lang, date) })),
          h("a", { class: "tertulia-latest-text", href: c.thread.url + "#comment-" + c.id, text: text.length > 100 ? text.slice(0, 99) + "…" : text }),
          h("div", { class: "tertulia-latest-title", text: fill(t.on, { title: c.thread.title || c.thread.url }) }));
      }))));
    });
  });
}

// The form and the author's tools load from a second file after the first paint; its
// hash in the URL lets browsers keep it for good (tests/test_embed_asset.py checks TOOLS).
var TOOLS = "58ac933624";
// Further files, loaded the same way when needed: signed-in readers' (embed-sign-in.js) and
// a story's notes, Q&A and ignoring (embed-stories.js).
var SIGN_IN = "48190ad6a4";
var STORIES = "58d36bea71";
var files = {}, queue = Promise.resolve();
var U = { h: h, badge: badge, request: request, query: query, load: load, save: save, fill: fill, serverHtml: serverHtml, plural: plural, API: API, auth: (v) => (bearer = v), option: option };
// One file at a time: each hands its installer to the one global hook.
function loadFile(w, name, version) {
  return (files[name] = files[name] || (queue = queue.then(() => Promise.all([new Promise(function (resolve) {
    window.__tertulia = resolve;
    document.head.append(h("script", { src: API + "/embed-" + name + ".js?v=" + version, onerror: function () { w.announce(w.t.offline); } }));
  }), strings(w.lang, "embed-" + name)]).then((got) => got[0](w, U, got[1])))));
}
function loadTools(w) {
  return loadFile(w, "tools", TOOLS);
}
function loadSignIn(w) {
  return loadTools(w).then(() => loadFile(w, "sign-in", SIGN_IN));
}
function loadStories(w) {
  return loadTools(w).then(() => loadFile(w, "stories", STORIES));
}

function Widget(container) {
  var lang = pickLang(container);
  var t = I18N[lang];
  var canonical = document.querySelector('link[rel="canonical"]');
  var page = {
    url: option("url", container) || (canonical && canonical.href) || location.href.split("#")[0],
    thread: option("thread", container) || "",
    title: option("title", container) || document.title,
    published: option("published", container) || (document.querySelector('meta[property="article:published_time"]') || {}).content
  };
  var SORTS = ["oldest", "newest", "top"];
  // `newest`: the newest comment id of the whole thread the page knows of (live news);
  // `tail`: where comments that came live start, below the pages loaded so far.
  var state = { token: null, count: 0, next: null, closed: false, nodes: {}, newest: 0, tail: null, sort: SORTS.indexOf(load(":sort")) > 0 ? load(":sort") : "oldest" };
  // Ask for the thread first: the widget builds itself while the answer travels.
  var first = fetchPage();
  var when = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" });
  var theme = option("theme", container) || "auto";

  container.replaceChildren();  // the HTML fragment or the no-JS link a site put there
  var root = container.attachShadow({ mode: "open" });
  var shell = h("div", { class: "t", lang: lang });
  var heading = h("h2", { class: "count", tabindex: "-1" });
  var list = h("ol", { class: "list" });
  // Featured comments (newsroom): shown first, and in their place with a label.
  var featList = h("ol", { class: "list" });
  var featured = h("section", { class: "feat", "aria-labelledby": "feat-h", hidden: true }, h("h3", { id: "feat-h", text: t.featured }), featList);
  var more = h("button", { type: "button", class: "more", hidden: true, text: t.more, onclick: loadMore });
  var status = h("p", { class: "status", role: "status", "aria-live": "polite" });
  var sorter = h("select", { onchange: resort });
  var skip = h("a", { class: "skip", href: "#comments", text: t.skip, onclick: function (e) {
    e.preventDefault();
    tool("focusForm");
  } });
  t.sorts.forEach((name, i) => sorter.append(h("option", { value: SORTS[i], selected: SORTS[i] === state.sort, text: name })));
  root.append(h("style", { text: CSS }), shell);
  shell.append(skip, h("div", { class: "bar" }, heading, h("label", null, t.sort + " ", sorter)), status, featured, list, more);
  function paint() {
    shell.setAttribute("data-theme", theme !== "auto" ? theme : pageIsDark(container) ? "dark" : "light");
  }
  paint();
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => setTimeout(paint, 50));
  // What embed-tools.js works with; it adds reply(), received() and decorate(), the
  // readers' extras like(), copy() and reset() (live news runs there too), and report().
  var w = {
    lang: lang, t: t, page: page, state: state, root: root, shell: shell, heading: heading, list: list, skip: skip,
    mineKey: ":mine:" + (page.thread || page.url), live: +(option("live", container) || 30),
    place: place, placeholder: placeholder, showCount: showCount, announce: announce, note: note,
    fetchPage: fetchPage, showLikes: showLikes, edited: edited, sorter: sorter, resort: resort, more: more
  };
  function tool(name, value) {
    loadTools(w).then(() => w[name](value));
  }

  function renderComment(c) {
    var node = { c: c, replies: h("ol", { class: "list replies" }) };
    node.article = c.status === "deleted" ? placeholder(c) : renderArticle(c, node);
    node.item = h("li", { hidden: (load(":ignored") || []).indexOf(c.avatar) >= 0 }, node.article, node.replies);
    state.nodes[c.id] = node;
    showLikes(node);
    if (w.decorate) w.decorate(node);
    return node.item;
  }

  function placeholder(c) {
    return h("article", { id: "comment-" + c.id, class: "comment", tabindex: "-1" }, h("p", { class: "pending", text: t.deleted }));
  }

  // "edited", with the time of the author's last edit as its tooltip.
  function edited(c) {
    return c.edited_at ? h("span", { class: "edited", title: when.format(new Date(c.edited_at)), text: "· " + t.edited }) : null;
  }

  // `copy`: the featured comment's second appearance, at the top (no id, no buttons).
  function renderArticle(c, node, copy) {
    var date = new Date(c.created_at);
    var name = c.website
      ? h("a", { href: c.website, rel: "nofollow ugc noopener", text: c.name })
      : h("span", { text: c.name });
    var live = c.status === "published" && !copy;
    var body = serverHtml(c.html);
    if (!copy) node.body = body;
    return h("article", { id: copy ? null : "comment-" + c.id, class: "comment", tabindex: copy ? null : "-1", "aria-label": c.name },
      h("header", null, identicon(c.avatar), h("span", { class: "author" }, name),
        c.staff ? h("span", { class: "badge", text: state.staffLabel || t.staff }) : null,
        c.featured && !copy ? h("span", { class: "badge", text: t.featured }) : null,
        ...(c.badges || []).map((b) => badge(b, lang)),
        h("time", { datetime: c.created_at, title: when.format(date), text: ago(lang, date) }), edited(c)),
      c.status === "pending" ? h("p", { class: "pending", text: t.awaiting }) : null,
      body,
      !live ? null : (node.acts = h("div", { class: "acts" },
        state.closed ? null : h("button", { type: "button", class: "reply", "aria-label": t.reply + ": " + c.name, text: t.reply, onclick: () => tool("reply", c) }),
        (node.like = h("button", { type: "button", class: "reply like", onclick: () => tool("like", node) })),
        h("button", { type: "button", class: "reply", "aria-label": t.link + ": " + c.name, text: t.link, onclick: () => tool("copy", c) }),
        c.staff ? null : h("button", { type: "button", class: "reply", "aria-label": t.report + ": " + c.name, text: t.report, onclick: function (e) {
          var button = e.currentTarget;
          loadTools(w).then(() => w.report(c, button));
        } }))));
  }

  // Likes: "Like · 3" ("Me gusta · 3"); the ids this browser likes are kept in it.
  function showLikes(node) {
    var n = node.c.likes;
    var count = n ? " · " + n.toLocaleString(lang) : "";
    if (!node.like) return;
    node.like.setAttribute("aria-pressed", (load(":liked") || []).indexOf(node.c.id) >= 0);
    node.like.textContent = t.like + count;
    node.like.setAttribute("aria-label", node.like.textContent + ": " + node.c.name);  // its text, then whose
    node.like.title = plural(lang, t.likes, n);
  }

  // A message at a comment (a report received, its link): where the reader is.
  function note(node, message) {
    var line = node.note || (node.note = node.article.appendChild(h("p", { class: "status", role: "status" })));
    line.textContent = "";
    setTimeout(() => (line.textContent = message), 50);  // a live region announces a change
  }

  // `where`: "top" (newest first), "end" (came live, below everything), else in page order.
  function place(c, where) {
    if (state.nodes[c.id]) return state.nodes[c.id];
    var item = renderComment(c);
    var parent = state.nodes[c.parent_id];
    if (parent) parent.replies.append(item);
    else if (where === "top") list.prepend(item);
    else list.insertBefore(item, where === "end" ? null : state.tail);
    state.newest = Math.max(state.newest, c.id);
    return state.nodes[c.id];
  }

  function showCount() {
    heading.textContent = plural(lang, t.count, state.count);
  }

  function receive(data) {
    state.limits = data.limits || state.limits;
    state.notifications = data.notifications;
    state.next = data.next;
    state.count = data.thread.count;
    state.closed = (state.thread = data.thread).closed;
    state.staffLabel = data.staff_label;
    state.who = data.who_may_comment;
    state.newest = Math.max(state.newest, data.newest_id || 0);
    showCount();
    var placed = data.comments.map(place);
    var shown = [].slice.call(list.children, 0, (data.featured || []).length);
    (data.featured || []).forEach(function (c) {
      // Not right above its original: the thread itself starts with it.
      if (shown.indexOf((state.nodes[c.id] || {}).item) >= 0) return;
      featList.append(h("li", null, renderArticle(c, {}, true)));
      featured.hidden = false;
    });
    more.hidden = !state.next;
    if (w.received) w.received();
    return placed;
  }

  function fetchPage(cursor, extra, fresh) {
    var sort = state.sort === "oldest" ? "" : state.sort;
    return request("/api/threads?" + query(Object.assign({ url: page.url, thread: page.thread, cursor: cursor, sort: sort }, extra)), null, null, fresh);
  }

  // A link to #comment-<id>: load pages until it is there, then show it.
  function seek() {
    var id = (/^#comment-(\d+)$/.exec(location.hash) || [])[1];
    var node = state.nodes[id];
    if (node) {
      list.querySelectorAll(".hl").forEach((e) => e.classList.remove("hl"));
      node.article.classList.add("hl");
      node.article.scrollIntoView({ block: "center" });
      node.article.focus({ preventScroll: true });
    } else if (id && state.next) fetchPage(state.next).then((data) => data.comments && (receive(data), seek()));
  }

  // `e`: the reader chose (kept for next time); none: a Q&A thread's default, not kept.
  function resort(e) {
    var cancel = list.querySelector(".respond .cancel");
    if (cancel) cancel.click();  // the reply form goes back under the list, its text kept
    state.sort = sorter.value;
    if (e) save(":sort", state.sort);
    fetchPage().then(function (data) {
      if (!data.comments) return announce(data.message || t.failed);
      list.textContent = featList.textContent = "";
      featured.hidden = true;
      state.seen = JSON.stringify(data);
      state.nodes = {};
      state.tail = null;
      if (w.reset) w.reset();
      receive(data);
      if (e) sorter.focus();
    });
  }
  addEventListener("hashchange", seek);

  function loadMore() {
    more.disabled = true;
    fetchPage(state.next).then(function (data) {
      more.disabled = false;
      if (!data.comments) return announce(t.failed);
      var placed = receive(data);
      if (placed.length) placed[0].article.focus();
    });
  }

  function announce(message) {
    status.textContent = message;
  }

  first.then(function (data) {
    state.seen = JSON.stringify(data);
    if (data.comments) receive(data), seek();
    // The heading says what failed (an empty h2 tells a screen reader nothing); the status, why.
    else heading.textContent = t.failed, announce(data.message || (data.status ? "" : t.offline));
    // Signed in by the page (data-sso-token, tertulia.login()) or by email, or a site that wants it.
    if (option("sso-token", container) || option("sso-login", container) || option("email-sign-in", container) || load(":email") || state.who > "everyone") loadSignIn(w);
    else loadTools(w);
    var th = data.thread || {};
    if (state.count || th.message || th.mode === "qa" || th.moderation !== "none" || th.closed) loadStories(w);
  });
  window.tertulia = {
    login: (token) => loadSignIn(w).then(() => w.signIn(token)),
    logout: () => loadSignIn(w).then(() => w.signIn())
  };
}

function start() {
  var container = document.getElementById("comments");
  if (container && !container.shadowRoot) table(pickLang(container)).then(() => container.shadowRoot || Widget(container));
  fillCounts();
  fillLatest();
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
})();
