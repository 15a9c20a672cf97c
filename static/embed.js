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
    links: "No comments",
    leave: "Leave a Reply", replyTo: "Reply to {name}",
    note: "Your email address will not be published.", req: "Required fields are marked",
    text: "Comment", name: "Name", email: "Email", website: "Website",
    save: "Save my name, email, and website in this browser for the next time I comment.",
    notify: "Notify me of follow-up comments by email.",
    post: "Post Comment", posting: "Posting…", cancel: "Cancel reply", reply: "Reply",
    more: "Load more comments", awaiting: "Your comment is awaiting moderation.",
    closed: "Comments are closed.", required: "This field is required.",
    badEmail: "Please enter a valid email address.",
    badUrl: "Please enter a web address that starts with http:// or https://.",
    tooLong: "This is too long: at most {n} characters.",
    wait: "You are commenting too quickly. Please wait {n} seconds and try again.",
    offline: "Could not reach the comment server. Please try again.",
    failed: "Comments could not be loaded.", fix: "Please correct the fields marked below.",
    posted: "Your comment was published.",
    deleted: "This comment was deleted.", edit: "Edit", remove: "Delete", editLabel: "Edit your comment",
    saveEdit: "Save", cancelEdit: "Cancel", confirmDelete: "Delete this comment?"
  },
  es: {
    count: { zero: "Sin comentarios todavía", one: "1 comentario", other: "{n} comentarios" },
    links: "Sin comentarios",
    leave: "Deja una respuesta", replyTo: "Responder a {name}",
    note: "Tu dirección de correo electrónico no será publicada.",
    req: "Los campos obligatorios están marcados con",
    text: "Comentario", name: "Nombre", email: "Correo electrónico", website: "Web",
    save: "Guarda mi nombre, correo electrónico y web en este navegador para la próxima vez que comente.",
    notify: "Recibir un aviso por correo de los comentarios siguientes.",
    post: "Publicar el comentario", posting: "Publicando…", cancel: "Cancelar la respuesta",
    reply: "Responder", more: "Cargar más comentarios",
    awaiting: "Tu comentario está pendiente de moderación.",
    closed: "Los comentarios están cerrados.", required: "Este campo es obligatorio.",
    badEmail: "Escribe una dirección de correo electrónico válida.",
    badUrl: "Escribe una dirección web que empiece por http:// o https://.",
    tooLong: "Es demasiado largo: como máximo {n} caracteres.",
    wait: "Estás comentando demasiado rápido. Espera {n} segundos y vuelve a intentarlo.",
    offline: "No se pudo conectar con el servidor de comentarios. Inténtalo de nuevo.",
    failed: "No se pudieron cargar los comentarios.", fix: "Corrige los campos marcados abajo.",
    posted: "Tu comentario se ha publicado.",
    deleted: "Este comentario fue eliminado.", edit: "Editar", remove: "Eliminar",
    editLabel: "Edita tu comentario", saveEdit: "Guardar", cancelEdit: "Cancelar",
    confirmDelete: "¿Eliminar este comentario?"
  }
};
var CSS = [
  ".t{all:initial;display:block;container-type:inline-size;color-scheme:light dark;",
  "--a:var(--tertulia-accent,light-dark(#0b57d0,#a8c7fa));--o:var(--tertulia-on-accent,light-dark(#fff,#062e6f));",
  "--b:var(--tertulia-background,light-dark(#fff,#1f1f1f));--f:var(--tertulia-text,light-dark(#1f1f1f,#e3e3e3));",
  "--m:var(--tertulia-muted,light-dark(#5e6166,#b0b3b8));--l:var(--tertulia-border,light-dark(#74777f,#8e918f));",
  "--e:light-dark(#b3261e,#f2b8b5);--r:var(--tertulia-radius,8px);",
  "background:var(--b);color:var(--f);font:16px/1.55 var(--tertulia-font,system-ui,sans-serif);padding:1px 0}",
  ".t[data-theme=light]{color-scheme:light}.t[data-theme=dark]{color-scheme:dark}",
  "[hidden]{display:none!important}*{box-sizing:border-box}a{color:var(--a)}:focus-visible{outline:2px solid var(--a);outline-offset:2px}",
  "h2,h3{line-height:1.3}h2{font-size:1.3em;margin:.8em 0 .4em}h3{font-size:1.1em;margin:0}",
  ".list{list-style:none;margin:0;padding:0}.replies{margin-left:clamp(.6em,5cqi,2.6em);padding-left:clamp(.4em,2cqi,1em);border-left:2px solid var(--l)}",
  ".comment{padding:.75em 0}.comment:focus{outline:none}.comment:focus-visible{outline:2px solid var(--a)}",
  "header{display:flex;flex-wrap:wrap;align-items:center;gap:.25em .6em}.avatar{border-radius:50%;flex:none}",
  ".author{font-weight:600}time{color:var(--m);font-size:.875em}",
  ".body{overflow-wrap:anywhere}.body p{margin:.4em 0}.body pre{overflow-x:auto;padding:.5em;border:1px solid var(--l);border-radius:var(--r)}",
  ".body blockquote{margin:.4em 0;padding-left:.8em;border-left:3px solid var(--l);color:var(--m)}",
  ".pending{color:var(--m);font-style:italic;margin:.3em 0}",
  "button{font:inherit;cursor:pointer;border-radius:var(--r)}",
  ".reply,.cancel,.more{background:none;border:1px solid var(--l);color:var(--a);padding:.2em .8em;font-size:.875em}",
  ".more{display:block;margin:1em auto}.submit{background:var(--a);color:var(--o);border:0;padding:.6em 1.4em;font-weight:600}",
  "button:disabled{opacity:.6;cursor:progress}",
  ".respond{margin:1.5em 0;padding-top:.5em;border-top:1px solid var(--l)}.replies .respond{border:0;margin:.5em 0}",
  ".form-head{display:flex;justify-content:space-between;align-items:center;gap:1em;margin-top:.5em}",
  ".note,.closed{color:var(--m);font-size:.9em}.field{display:flex;flex-direction:column;gap:.2em;margin:.7em 0}",
  "label{font-weight:600;font-size:.95em}input,textarea{font:inherit;color:var(--f);background:var(--b);border:1px solid var(--l);border-radius:var(--r);padding:.5em .6em;width:100%}",
  "textarea{min-height:8em;resize:vertical}[aria-invalid=true]{border:2px solid var(--e)}.error{color:var(--e);margin:0;font-size:.9em}",
  ".check{display:flex;gap:.5em;align-items:flex-start}.check input{width:auto;margin-top:.35em}.check label{font-weight:400}",
  ".status:empty{display:none}.status{padding:.5em .8em;border-left:4px solid var(--a)}",
  ".own{margin-left:.5em}.own button{margin-right:.4em}.editor textarea{margin:.4em 0}.editor button{margin-right:.5em}",
  ".hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}",
  "@container (max-width:30em){.replies{margin-left:.4em;padding-left:.5em}}"
].join("");
var CODES = { thread_closed: "closed", rate_limited: "wait" };

function option(name, container) {
  return (container && container.getAttribute("data-" + name)) || script.getAttribute("data-" + name);
}
function pickLang(element) {
  var wanted = [element && (element.getAttribute("data-lang") || element.lang), script.getAttribute("data-lang"), document.documentElement.lang].concat(navigator.languages || []);
  for (var i = 0; i < wanted.length; i++) {
    var code = (wanted[i] || "").toLowerCase().split("-")[0];
    if (I18N[code]) return code;
  }
  return "en";
}
function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key]);
}
function plural(lang, forms, n) {
  if (n === 0) return forms.zero;
  return fill(forms[new Intl.PluralRules(lang).select(n)] || forms.other, { n: n.toLocaleString(lang) });
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

function checkRow(box, text, hidden) {
  return h("p", { class: "check", hidden: hidden }, box, h("label", { for: box.id, text: text }));
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
  icon.append(svg("rect", { width: 5, height: 5, fill: "hsl(" + hue + " 45% 92%)" }));
  for (var n = 0; n < 15; n++) {
    var x = n % 3;
    if (digits[4 + n] % 2) new Set([x, 4 - x]).forEach((c) => icon.append(svg("rect", { x: c, y: (n - x) / 3, width: 1, height: 1, fill: "hsl(" + hue + " 55% 42%)" })));
  }
  return icon;
}

function request(path, body, method) {
  var init = body ? { method: method || "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) } : {};
  init.credentials = "omit";
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
      if (typeof n === "number") a.textContent = plural(lang, Object.assign({}, I18N[lang].count, { zero: I18N[lang].links }), n);
    });
  });
}

function Widget(container) {
  var lang = pickLang(container);
  var t = I18N[lang];
  var canonical = document.querySelector('link[rel="canonical"]');
  var page = {
    url: option("url", container) || (canonical && canonical.href) || location.href.split("#")[0],
    thread: option("thread", container) || "",
    title: option("title", container) || document.title
  };
  var mineKey = ":mine:" + (page.thread || page.url);
  var state = { token: null, count: 0, next: null, closed: false, nodes: {} };
  var EDIT_MS = 15 * 60000;
  var when = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" });
  var relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });

  var root = container.attachShadow({ mode: "open" });
  var style = h("style", { text: CSS });
  var shell = h("div", { class: "t", "data-theme": option("theme", container) || "auto", lang: lang });
  var heading = h("h2", { class: "count", tabindex: "-1" });
  var list = h("ol", { class: "list" });
  var more = h("button", { type: "button", class: "more", hidden: true, text: t.more, onclick: loadMore });
  var status = h("p", { class: "status", role: "status", "aria-live": "polite" });
  root.append(style, shell);
  shell.append(heading, status, list, more);

  function ago(date) {
    var seconds = (date - Date.now()) / 1000;
    var units = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60]];
    for (var i = 0; i < units.length; i++) {
      if (Math.abs(seconds) >= units[i][1]) return relative.format(Math.round(seconds / units[i][1]), units[i][0]);
    }
    return relative.format(0, "second");
  }

  function renderComment(c) {
    var article = c.status === "deleted" ? placeholder(c) : renderArticle(c);
    var replies = h("ol", { class: "list replies" });
    var item = h("li", null, article, replies);
    state.nodes[c.id] = { item: item, replies: replies, article: article };
    return item;
  }

  function placeholder(c) {
    return h("article", { id: "comment-" + c.id, class: "comment", tabindex: "-1" }, h("p", { class: "pending", text: t.deleted }));
  }

  function renderArticle(c) {
    var date = new Date(c.created_at);
    var name = c.website
      ? h("a", { href: c.website, rel: "nofollow ugc noopener", text: c.name })
      : h("span", { text: c.name });
    var body = serverHtml(c.html);
    return h("article", { id: "comment-" + c.id, class: "comment", tabindex: "-1", "aria-label": c.name },
      h("header", null, identicon(c.avatar), h("span", { class: "author" }, name),
        h("time", { datetime: c.created_at, title: when.format(date), text: ago(date) })),
      c.status === "pending" ? h("p", { class: "pending", text: t.awaiting }) : null,
      body,
      state.closed || c.status !== "published" ? null
        : h("button", { type: "button", class: "reply", "aria-label": t.reply + ": " + c.name, text: t.reply, onclick: function () { openReply(c); } }),
      authorTools(c, body));
  }

  function authorTools(c, body) {
    var own = (load(mineKey) || []).filter((m) => m.id === c.id)[0];
    if (!own || Date.now() - new Date(c.created_at) > EDIT_MS) return null;
    return h("span", { class: "own" },
      h("button", { type: "button", class: "reply", text: t.edit, onclick: function () { editOwn(c, own, body); } }),
      h("button", { type: "button", class: "reply", text: t.remove, onclick: function () { deleteOwn(c, own); } }));
  }

  function remember(own) {
    save(mineKey, (load(mineKey) || []).map((m) => m.id === own.id ? own : m));
  }

  function editOwn(c, own, body) {
    var box = h("textarea", { "aria-label": t.editLabel, rows: 5 });
    var problem = h("p", { class: "error", role: "status" });
    box.value = own.text || "";
    var editor = h("div", { class: "editor" }, box, problem,
      h("button", { type: "button", class: "submit", text: t.saveEdit, onclick: function () {
        request("/api/comments/" + c.id, { edit_token: own.token, text: box.value, lang: lang }, "PATCH").then(function (data) {
          if (!data.comment) return (problem.textContent = data.fields ? [].concat(data.fields.text).join(" ") : explain(data));
          var fresh = serverHtml(data.comment.html);
          own.text = box.value;
          remember(own);
          editor.replaceWith(fresh);
          body = fresh;
          state.nodes[c.id].article.focus();
        });
      } }),
      h("button", { type: "button", class: "cancel", text: t.cancelEdit, onclick: function () { editor.replaceWith(body); } }));
    body.replaceWith(editor);
    box.focus();
  }

  function deleteOwn(c, own) {
    if (!confirm(t.confirmDelete)) return;
    request("/api/comments/" + c.id, { edit_token: own.token }, "DELETE").then(function (data) {
      if (!data.comment) return announce(explain(data));
      var node = state.nodes[c.id];
      if (c.status === "published") { state.count -= 1; showCount(); }
      if (node.replies.children.length) node.article.replaceWith((node.article = placeholder(c)));
      else node.item.remove();
      heading.focus();
    });
  }

  function place(c) {
    if (state.nodes[c.id]) return state.nodes[c.id];
    var item = renderComment(c);
    var parent = state.nodes[c.parent_id];
    (parent ? parent.replies : list).append(item);
    return state.nodes[c.id];
  }

  function showCount() {
    heading.textContent = plural(lang, t.count, state.count);
  }

  function receive(data) {
    if (data.limits) {
      EDIT_MS = data.limits.edit_minutes * 60000;
      fields.text.control.setAttribute("data-max", data.limits.max_length);
    }
    state.next = data.next;
    state.count = data.thread.count;
    state.closed = data.thread.closed;
    notifyRow.hidden = !data.notifications;
    showCount();
    var placed = data.comments.map(place);
    more.hidden = !state.next;
    return placed;
  }

  function fetchPage(cursor) {
    return request("/api/threads?" + query({ url: page.url, thread: page.thread, cursor: cursor }));
  }

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

  var author = load(":author") || {};
  var fields = {};
  var title = h("h3", { id: "reply-title" });
  var cancel = h("button", { type: "button", class: "cancel", hidden: true, text: t.cancel, onclick: closeReply });
  var formStatus = h("p", { class: "status", role: "status", "aria-live": "polite" });
  var saveBox = h("input", { type: "checkbox", id: "save", checked: !!author.name });
  var notifyBox = h("input", { type: "checkbox", id: "notify" });
  var notifyRow = checkRow(notifyBox, t.notify, true);
  var submit = h("button", { type: "submit", class: "submit", text: t.post });
  var form = h("form", { novalidate: true, "aria-labelledby": "reply-title", onsubmit: send, onfocusin: token },
    h("div", { class: "form-head" }, title, cancel),
    h("p", { class: "note" }, t.note + " " + t.req + " ", h("span", { "aria-hidden": "true", text: "*" })));
  [["text", "textarea", "", 10000], ["name", "text", "name", 80], ["email", "email", "email", 254], ["website", "url", "url", 200]].forEach(function (f) {
    var id = "f-" + f[0];
    var control = h(f[1] === "textarea" ? "textarea" : "input", {
      id: id, name: f[0], type: f[1] === "textarea" ? null : f[1], autocomplete: f[2] || null,
      required: f[0] !== "website", rows: f[1] === "textarea" ? 6 : null, "data-max": f[3]
    });
    control.value = author[f[0]] || "";
    var error = h("p", { id: id + "-error", class: "error", hidden: true });
    fields[f[0]] = { control: control, error: error };
    form.append(h("p", { class: "field" },
      h("label", { for: id }, t[f[0]], f[0] !== "website" ? h("span", { "aria-hidden": "true", text: " *" }) : null),
      control, error));
  });
  var trap = h("input", { name: "homepage", id: "f-homepage", tabindex: "-1", autocomplete: "off" });
  form.append(h("p", { class: "hp", "aria-hidden": "true" }, h("label", { for: "f-homepage", text: "Homepage" }), trap),
    checkRow(saveBox, t.save), notifyRow, formStatus, h("p", null, submit));
  var formHome = h("div", { class: "respond" }, form);
  var closedNote = h("p", { class: "closed", text: t.closed, hidden: true });
  shell.append(closedNote, formHome);
  var replyTo = null;

  function setTitle() {
    title.textContent = replyTo ? fill(t.replyTo, { name: replyTo.name }) : t.leave;
    cancel.hidden = !replyTo;
  }

  function openReply(c) {
    replyTo = c;
    state.nodes[c.id].article.after(formHome);
    setTitle();
    fields.text.control.focus();
  }

  function closeReply() {
    var back = replyTo && state.nodes[replyTo.id].article.querySelector(".reply");
    replyTo = null;
    shell.append(formHome);
    setTitle();
    if (back) back.focus();
  }

  function fieldError(name, message) {
    var f = fields[name];
    f.error.textContent = message || "";
    f.error.hidden = !message;
    if (message) {
      f.control.setAttribute("aria-invalid", "true");
      f.control.setAttribute("aria-describedby", f.error.id);
    } else {
      f.control.removeAttribute("aria-invalid");
      f.control.removeAttribute("aria-describedby");
    }
  }

  function check(name, value) {
    if (!value) return name === "website" ? "" : t.required;
    var max = +fields[name].control.getAttribute("data-max");
    if (value.length > max) return fill(t.tooLong, { n: max });
    if (name === "email" && !/^[^\s@"]+@[^\s@]+\.[^\s@]+$/.test(value)) return t.badEmail;
    if (name === "website" && !/^https?:\/\/[^\s/]+\S*$/i.test(value)) return t.badUrl;
    return "";
  }

  function showErrors(errors) {
    var first = null;
    Object.keys(fields).forEach(function (name) {
      var message = errors[name] && [].concat(errors[name]).join(" ");
      fieldError(name, message);
      if (message && !first) first = fields[name].control;
    });
    if (first) first.focus();
    return first;
  }

  function values() {
    var v = {};
    Object.keys(fields).forEach(function (name) { v[name] = fields[name].control.value.trim(); });
    return v;
  }

  function send(event) {
    event.preventDefault();
    var v = values();
    var errors = {};
    Object.keys(v).forEach(function (name) {
      var message = check(name, v[name]);
      if (message) errors[name] = message;
    });
    if (showErrors(errors)) return tell(t.fix);
    submit.disabled = true;
    tell(t.posting);
    var body = {
      url: page.url, thread: page.thread || undefined, title: page.title,
      parent_id: replyTo ? replyTo.id : undefined,
      name: v.name, email: v.email, website: v.website || undefined,
      text: fields.text.control.value, homepage: trap.value || undefined, lang: lang,
      notify: notifyBox.checked || undefined
    };
    attempt(body, 1).then(function (data) {
      submit.disabled = false;
      if (data.status === 201) return posted(data, v);
      tell(explain(data));
      if (data.fields) showErrors(data.fields);
    });
  }

  function token() {
    return (state.token = state.token || request("/api/form-token?" + query({ url: page.url, thread: page.thread })).then(function (d) {
      if (!d.form_token) state.token = null;
      return d.form_token;
    }));
  }
  function attempt(body, retries) {
    return token().then(function (value) {
      body.form_token = value;
      return request("/api/comments", body);
    }).then(function (data) {
      if (retries && data.error === "form_token_too_fast") {
        return new Promise(function (resolve) { setTimeout(resolve, 3000); }).then(() => attempt(body, 0));
      }
      if (retries && /^(form_token_expired|form_token_invalid|missing_form_token)$/.test(data.error)) {
        state.token = null;
        return attempt(body, 0);
      }
      return data;
    });
  }

  function explain(data) {
    if (!data.status) return t.offline;
    if (data.fields) return t.fix;
    var key = CODES[data.error];
    if (key === "wait") return fill(t.wait, { n: data.wait || 60 });
    return (key && t[key]) || data.message || t.failed;
  }

  function tell(message) {
    formStatus.textContent = message;
  }

  function posted(data, v) {
    var c = data.comment;
    var mine = (load(mineKey) || []).concat([{ id: c.id, token: data.edit_token, text: v.text }]).slice(-50);
    save(mineKey, mine);
    save(":author", saveBox.checked ? { name: v.name, email: v.email, website: v.website } : null);
    fields.text.control.value = "";
    Object.keys(fields).forEach(function (name) { fieldError(name, ""); });
    if (c.status === "published") {
      state.count += 1;
      showCount();
    }
    if (replyTo) closeReply();
    var node = place(c);
    tell(c.status === "published" ? t.posted : t.awaiting);
    node.article.focus();
  }

  function showOwnPending() {
    var mine = load(mineKey);
    if (!mine || !mine.length) return;
    request("/api/comments/mine", {
      url: page.url, thread: page.thread || undefined,
      edit_tokens: mine.map((m) => m.token)
    }).then(function (data) {
      (data.comments || []).forEach(place);
    });
  }

  setTitle();
  fetchPage().then(function (data) {
    if (!data.comments) {
      announce(data.message || t.failed);
      return;
    }
    receive(data);
    closedNote.hidden = !state.closed;
    formHome.hidden = state.closed;
    showOwnPending();
  });
}

function start() {
  var container = document.getElementById("comments");
  if (container && !container.shadowRoot) Widget(container);
  fillCounts();
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
})();
