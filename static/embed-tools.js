/* Tertulia: the reply form and the author's tools, loaded by embed.js after the first paint (README). */
(function () {
"use strict";

var I18N = {
  en: {
    leave: "Leave a Reply", replyTo: "Reply to {name}",
    note: "Your email address will not be published.", req: "Required fields are marked",
    text: "Comment", name: "Name", email: "Email", website: "Website",
    save: "Save my name, email, and website in this browser for the next time I comment.",
    notify: "Notify me of follow-up comments by email.",
    post: "Post Comment", posting: "Posting…", cancel: "Cancel reply",
    closed: "Comments are closed.", required: "This field is required.",
    badEmail: "Please enter a valid email address.",
    badUrl: "Please enter a web address that starts with http:// or https://.",
    tooLong: "This is too long: at most {n} characters.",
    wait: "You are commenting too quickly. Please wait {n} seconds and try again.",
    fix: "Please correct the fields marked below.", posted: "Your comment was published.",
    edit: "Edit", remove: "Delete", editLabel: "Edit your comment",
    saveEdit: "Save", cancelEdit: "Cancel", confirmDelete: "Delete this comment?",
    fresh: { one: "1 new comment", other: "{n} new comments" }, copied: "Link copied.",
    reportTitle: "Report a comment", reportWhy: "Why should moderators look at this comment?",
    spam: "Spam", abuse: "Abuse or harassment", off_topic: "Off topic",
    illegal: "Illegal content? Send a legal notice instead.", reportSend: "Send the report",
    reportAs: "Report as {reason}", pick: "Please choose a reason.",
    thanks: "Thank you. Moderators will look at it; the report is anonymous.",
    hint: "Markdown: **bold**, *italic*, [link](https://…), > quote", preview: "Preview",
    nothing: "Nothing to preview yet."
  }
};
var CSS = [
  ".cancel{background:none;border:1px solid var(--l);color:var(--a);padding:.2em .8em;font-size:.875em}",
  ".submit{background:var(--a);color:var(--o);border:0;padding:.6em 1.4em;font-weight:600}",
  ".respond{margin:1.5em 0;padding-top:.5em;border-top:1px solid var(--l)}.replies .respond{border:0;margin:.5em 0}",
  ".form-head{display:flex;justify-content:space-between;align-items:center;gap:1em;margin-top:.5em}",
  ".note,.closed{color:var(--m);font-size:.9em}.field{display:flex;flex-direction:column;gap:.2em;margin:.7em 0}",
  "label{font-weight:600;font-size:.95em}input,textarea{font:inherit;color:var(--f);background:var(--b);border:1px solid var(--l);border-radius:var(--r);padding:.5em .6em;width:100%}",
  "textarea{min-height:8em;resize:vertical}[aria-invalid=true]{border:2px solid var(--e)}.error{color:var(--e);margin:0;font-size:.9em}",
  ".check{display:flex;gap:.5em;align-items:flex-start}.check input{width:auto;margin-top:.35em}.check label{font-weight:400}",
  ".editor textarea{margin:.4em 0}.editor button{margin-right:.5em}",
  ".aid{display:flex;justify-content:space-between;align-items:flex-end;gap:.5em}.hint{color:var(--m);font-size:.85em;margin:0}",
  ".preview{border:1px dashed var(--l);border-radius:var(--r);padding:.1em .6em;min-height:8em}",
  ".fbar{position:sticky;bottom:0;display:flex;justify-content:center;padding:.5em;pointer-events:none}",
  ".fbar button{pointer-events:auto;box-shadow:0 2px 8px #0006}",
  ".hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}",
  "dialog{background:var(--b);color:var(--f);border:1px solid var(--l);border-radius:var(--r);max-width:30em}fieldset{border:0;padding:0;margin:0}legend{font-weight:600}"
].join("");
var CODES = { thread_closed: "closed", rate_limited: "wait" };

// embed.js hands over one widget `w` (its state, its nodes) and its helpers `u`.
window.__tertulia(function install(w, u, own) {
  var h = u.h, request = u.request, load = u.load, save = u.save, fill = u.fill;
  var t = Object.assign({}, w.t, I18N.en, own);
  var state = w.state;
  var page = w.page;
  var EDIT_MS = 15 * 60000;
  var author = load(":author") || {};
  var fields = {};

  function checkRow(box, text, hidden) {
    return h("p", { class: "check", hidden: hidden }, box, h("label", { for: box.id, text: text }));
  }

  var title = h("h3", { id: "reply-title" });
  var cancel = h("button", { type: "button", class: "cancel", hidden: true, text: t.cancel, onclick: closeReply });
  var formStatus = h("p", { class: "status", role: "status", "aria-live": "polite" });
  var saveBox = h("input", { type: "checkbox", id: "save", checked: !!author.name });
  var notifyBox = h("input", { type: "checkbox", id: "notify" });
  var notifyRow = checkRow(notifyBox, t.notify, true);
  var submit = h("button", { type: "submit", class: "submit", text: t.post });
  // "Please correct the fields marked below.": above the fields it speaks of.
  var summary = h("p", { class: "error", role: "alert" });
  var form = h("form", { novalidate: true, "aria-labelledby": "reply-title", onsubmit: send, onfocusin: token, onkeydown: function (e) {
    if (e.key === "Escape" && replyTo) closeReply();
  } },
    h("div", { class: "form-head" }, title, cancel),
    h("p", { class: "note" }, t.note + " " + t.req + " ", h("span", { "aria-hidden": "true", text: "*" })), summary);
  [["text", "textarea", "", 10000], ["name", "text", "name", 80], ["email", "email", "email", 254], ["website", "url", "url", 200]].forEach(function (f) {
    var id = "f-" + f[0];
    var control = h(f[1] === "textarea" ? "textarea" : "input", {
      id: id, name: f[0], type: f[1] === "textarea" ? null : f[1], autocomplete: f[2] || null,
      required: f[0] !== "website", rows: f[1] === "textarea" ? 6 : null, "data-max": f[3]
    });
    control.value = author[f[0]] || "";
    var error = h("p", { id: id + "-error", class: "error", hidden: true });
    fields[f[0]] = { control: control, error: error };
    var label = h("label", { for: id }, t[f[0]], f[0] !== "website" ? h("span", { "aria-hidden": "true", text: " *" }) : null);
    form.append(h("div", { class: "field" }, f[0] === "text" ? writingAid(control, label) : label, control, error));
    if (f[0] === "text") control.after(previewBox), error.after(h("p", { id: "f-hint", class: "hint", text: t.hint }));
  });
  var trap = h("input", { name: "homepage", id: "f-homepage", tabindex: "-1", autocomplete: "off" });
  form.append(h("p", { class: "hp", "aria-hidden": "true" }, h("label", { for: "f-homepage", text: "Homepage" }), trap),
    checkRow(saveBox, t.save), notifyRow, formStatus, h("p", null, submit));
  var formHome = h("div", { class: "respond" }, form);

  // The comment field: a Preview by the server's renderer beside its label, and under it
  // a line on what Markdown does.
  var previewBox, previewButton;
  function writingAid(control, label) {
    control.setAttribute("aria-describedby", "f-hint");
    previewBox = h("div", { class: "body preview", hidden: true, "aria-live": "polite" });
    previewButton = h("button", { type: "button", class: "cancel", "aria-pressed": "false", text: t.preview, onclick: function () {
      showPreview(previewBox.hidden);
    } });
    return h("div", { class: "aid" }, label, previewButton);
  }
  function showPreview(on) {
    var control = fields.text.control;
    previewButton.setAttribute("aria-pressed", on);
    control.hidden = on;
    previewBox.hidden = !on;
    if (!on) return control.focus();
    previewBox.textContent = "";
    if (!control.value.trim()) return (previewBox.textContent = t.nothing);
    request("/api/preview", { url: page.url, text: control.value, lang: w.lang }).then(function (data) {
      if (previewBox.hidden) return;
      if (data.html == null) return (previewBox.textContent = data.fields ? [].concat(data.fields.text || data.fields.url).join(" ") : explain(data));
      previewBox.replaceChildren(...u.serverHtml(data.html).childNodes);
    });
  }
  var closedNote = h("p", { class: "closed", text: t.closed, hidden: true });
  var replyTo = null;

  // What the latest page said about the thread: limits, closed, notifications.
  function received() {
    if (state.limits) {
      EDIT_MS = state.limits.edit_minutes * 60000;
      fields.text.control.setAttribute("data-max", state.limits.max_length);
    }
    notifyRow.hidden = !state.notifications;
    closedNote.hidden = !state.closed;
    formHome.hidden = w.skip.hidden = state.closed;
  }

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

  w.focusForm = function () {
    if (!formHome.hidden) fields.text.control.focus();
  };

  function closeReply() {
    var back = replyTo && state.nodes[replyTo.id].article.querySelector(".reply");
    replyTo = null;
    bar.before(formHome);  // the live-news bar stays last, at the bottom
    setTitle();
    if (back) back.focus();
  }

  function fieldError(name, message) {
    var f = fields[name];
    f.error.textContent = message || "";
    f.error.hidden = !message;
    var hint = name === "text" ? "f-hint" : "";
    if (message) {
      f.control.setAttribute("aria-invalid", "true");
      f.control.setAttribute("aria-describedby", (f.error.id + " " + hint).trim());
    } else {
      f.control.removeAttribute("aria-invalid");
      if (hint) f.control.setAttribute("aria-describedby", hint);
      else f.control.removeAttribute("aria-describedby");
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
    // A signed-in reader's name and email are hidden: their profile's are used.
    Object.keys(fields).forEach(function (name) { if (!fields[name].control.closest("[hidden]")) v[name] = fields[name].control.value.trim(); });
    return v;
  }

  function send(event) {
    event.preventDefault();
    if (!previewBox.hidden) showPreview(false);
    var v = values();
    var errors = {};
    Object.keys(v).forEach(function (name) {
      var message = check(name, v[name]);
      if (message) errors[name] = message;
    });
    summary.textContent = "";
    if (showErrors(errors)) return (summary.textContent = t.fix), tell("");
    submit.disabled = true;
    tell(t.posting);
    var body = {
      url: page.url, thread: page.thread || undefined, title: page.title, published: page.published,
      parent_id: replyTo ? replyTo.id : undefined,
      name: v.name, email: v.email, website: v.website || undefined,
      text: fields.text.control.value, homepage: trap.value || undefined, lang: w.lang,
      notify: notifyBox.checked || undefined, commenter_key: load(":key") || undefined,
      reconsidered: state.again
    };
    attempt(body, 2).then(function (data) {
      submit.disabled = false;
      // The pre-screen's nudge (422): the text stays; sent again, it is posted as it is.
      state.again = data.error == "reconsider" || undefined;
      if (data.status === 201) return posted(data, v);
      tell(data.fields ? "" : explain(data));
      if (data.fields) (summary.textContent = t.fix), showErrors(data.fields);
    });
  }

  // The form token is not part of the cached thread: fetched when the reader starts writing.
  function token() {
    return (state.token = state.token || request("/api/form-token?" + u.query({ url: page.url, thread: page.thread })).then(function (d) {
      if (!d.form_token) state.token = null;
      return d.form_token;
    }));
  }
  // A refused token is fetched afresh and the text sent again (after the wait a fresh one needs).
  function attempt(body, retries) {
    return token().then(function (value) {
      body.form_token = value;
      return request("/api/comments", body);
    }).then(function (data) {
      var e = retries && data.error || "";
      if (e === "form_token_too_fast") {
        return new Promise(function (resolve) { setTimeout(resolve, 3000); }).then(() => attempt(body, retries - 1));
      }
      if (/form_token/.test(e)) {
        state.token = null;
        return attempt(body, retries - 1);
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
    var mine = (load(w.mineKey) || []).concat([{ id: c.id, token: data.edit_token, text: v.text }]).slice(-50);
    save(w.mineKey, mine);
    save(":key", data.commenter_key); // proof of a returning commenter
    if (v.name) save(":author", saveBox.checked ? { name: v.name, email: v.email, website: v.website } : null);
    fields.text.control.value = summary.textContent = "";
    Object.keys(fields).forEach(function (name) { fieldError(name, ""); });
    if (c.status === "published") {
      state.count += 1;
      w.showCount();
    }
    if (replyTo) closeReply();
    var node = w.place(c);
    tell(c.status === "published" ? t.posted : t.awaiting);
    node.article.focus();
    if (data.warning) warn(data.warning, c.id, data.edit_token);
  }

  // The moderators' warning (the ladder), above the form until acknowledged; its words come from the server.
  function warn(x, id, token) {
    var box = h("div", { class: "status", role: "alert" }, h("strong", { text: x.title }), h("p", { text: x.message }),
      h("button", { type: "button", class: "reply", text: x.button, onclick: function () {
        request("/api/comments/" + id + "/warning", { edit_token: token, warning: x.id }).then(function () { box.remove(); w.heading.focus(); });
      } }));
    form.before(box);
  }

  // Edit and delete, on the reader's own comments while the edit window is open.
  function decorate(node) {
    var c = node.c;
    var own = (load(w.mineKey) || []).filter((m) => m.id === c.id)[0];
    if (!own || !node.body || Date.now() - new Date(c.created_at) > EDIT_MS) return;
    node.acts = node.acts || node.article.appendChild(h("div", { class: "acts" }));
    node.acts.append(
      h("button", { type: "button", class: "reply", "aria-label": t.edit + ": " + c.name, text: t.edit, onclick: function () { editOwn(node, own); } }),
      h("button", { type: "button", class: "reply", "aria-label": t.remove + ": " + c.name, text: t.remove, onclick: function () { deleteOwn(node, own); } }));
  }

  function remember(own) {
    save(w.mineKey, (load(w.mineKey) || []).map((m) => m.id === own.id ? own : m));
  }

  function editOwn(node, own) {
    var box = h("textarea", { "aria-label": t.editLabel, rows: 5 });
    var problem = h("p", { class: "error", role: "status" });
    box.value = own.text || "";
    var editor = h("div", { class: "editor" }, box, problem,
      h("button", { type: "button", class: "submit", text: t.saveEdit, onclick: function () {
        request("/api/comments/" + node.c.id, { edit_token: own.token, text: box.value, lang: w.lang }, "PATCH").then(function (data) {
          if (!data.comment) return (problem.textContent = data.fields ? [].concat(data.fields.text).join(" ") : explain(data));
          var fresh = u.serverHtml(data.comment.html);
          var mark = node.article.querySelector("header .edited");
          own.text = box.value;
          remember(own);
          editor.replaceWith(fresh);
          node.body = fresh;
          node.c.edited_at = data.comment.edited_at;
          if (mark) mark.remove();
          if (data.comment.edited_at) node.article.querySelector("header").append(w.edited(node.c));
          node.article.focus();
        });
      } }),
      h("button", { type: "button", class: "cancel", text: t.cancelEdit, onclick: function () { editor.replaceWith(node.body); } }));
    node.body.replaceWith(editor);
    box.focus();
  }

  function deleteOwn(node, own) {
    if (!confirm(t.confirmDelete)) return;
    request("/api/comments/" + node.c.id, { edit_token: own.token }, "DELETE").then(function (data) {
      if (!data.comment) return w.announce(explain(data));
      if (node.c.status === "published") { state.count -= 1; w.showCount(); }
      // Keep the reader's place: the placeholder, else the next comment (or the one before).
      var target;
      if (node.replies.children.length) {
        node.article.replaceWith((node.article = w.placeholder(node.c)));
        target = node.article;
      } else {
        var near = node.item.nextElementSibling || node.item.previousElementSibling || node.item.parentNode.closest("li");
        node.item.remove();
        delete state.nodes[node.c.id];
        target = near && near.querySelector("article");
      }
      (target || w.heading).focus();
    });
  }

  function showOwnPending() {
    var mine = load(w.mineKey);
    if (!mine || !mine.length) return;
    request("/api/comments/mine", {
      url: page.url, thread: page.thread || undefined,
      edit_tokens: mine.map((m) => m.token)
    }).then(function (data) {
      (data.comments || []).forEach(w.place);
    });
  }

  // ---- readers' extras: likes, the Link action, live new comments (issue 13) ----
  function voter() {
    var id = load(":voter") || Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => (b % 36).toString(36)).join("");
    save(":voter", id);
    return id;
  }
  // Like or unlike; the ids this browser likes are kept in it (for aria-pressed).
  w.like = function (node) {
    var on = node.like.getAttribute("aria-pressed") !== "true";
    node.like.disabled = true;
    request("/api/comments/" + node.c.id + "/likes", { voter: voter(), lang: w.lang }, on ? "POST" : "DELETE").then(function (data) {
      node.like.disabled = false;
      if (data.status !== 200) return w.announce(explain(data));
      save(":liked", (load(":liked") || []).filter((id) => id !== node.c.id).concat(data.liked ? [node.c.id] : []).slice(-500));
      node.c.likes = data.likes;
      w.showLikes(node);
    });
  };
  // Copy the comment's link; without clipboard access (plain http), show it to copy.
  w.copy = function (c) {
    var url = page.url + "#comment-" + c.id;
    var node = state.nodes[c.id];
    (navigator.clipboard ? navigator.clipboard.writeText(url) : Promise.reject()).then(() => w.note(node, t.copied), () => w.note(node, url));
  };

  // Live: revalidate the first page every `data-live` seconds while the page is visible (the
  // browser sends If-None-Match: a 304 when unchanged). When the thread's newest comment is
  // newer than any the page knows of (whatever the sort, however many pages are loaded), ask
  // for what came since and offer it with a button, moving nothing by itself: at the top of
  // the list, and in a small bar at the bottom of the widget's visible part while the top
  // is off screen. Only the top one is a live region, so it is announced once.
  var live = w.live && Math.max(w.live, 10), delay = live, fresh = [], timer, topSeen = true;
  var freshButton = h("button", { type: "button", class: "more", hidden: true, onclick: () => showFresh() });
  var top = h("div", { "aria-live": "polite" }, freshButton);
  var bar = h("div", { class: "fbar", hidden: true }, h("button", { type: "button", class: "submit", onclick: () => showFresh(true) }));
  w.list.before(top);
  new IntersectionObserver(function (seen) {
    topSeen = seen[0].isIntersecting;
    offer();
  }).observe(top);
  function offer() {
    if (fresh.length) freshButton.textContent = bar.firstChild.textContent = u.plural(w.lang, t.fresh, fresh.length);
    freshButton.hidden = !fresh.length;
    bar.hidden = !fresh.length || topSeen;
  }
  function schedule() {
    clearTimeout(timer);
    if (live && !document.hidden) timer = setTimeout(poll, Math.min(delay, 600) * 1000);
  }
  function poll() {
    w.fetchPage(null, null, true).then(function (data) {
      delay = data.comments ? live : Math.max(delay * 2, data.status === 429 ? +data.wait || 60 : 0);
      var text = data.comments && JSON.stringify(data);
      if (!text || text === state.seen) return;
      state.seen = text;
      data.comments.forEach(function (c) {
        var node = state.nodes[c.id];
        if (node) { node.c.likes = c.likes; w.showLikes(node); }
      });
      state.count = data.thread.count;
      if (!(data.newest_id > state.newest)) return w.showCount();
      return w.fetchPage(null, { since: state.newest, sort: "" }, true).then(function (since) {
        (since.comments || []).forEach(function (c) {
          state.newest = Math.max(state.newest, c.id);
          if (!state.nodes[c.id]) fresh.push(c);
        });
        offer();
      });
    }).then(schedule);
  }
  // Newest first: at the top. Oldest first or top: after what is loaded, marked as new; pages
  // not loaded yet still come in above them, and never twice (place() knows every id).
  function showFresh(fromBar) {
    var nodes = fresh.map((c) => w.place(c, state.sort === "newest" ? "top" : "end"));
    nodes.forEach(function (node) {
      node.article.querySelector("header time").before(h("span", { class: "badge", text: w.t.isNew }));
      if (!state.tail && state.next && state.sort !== "newest" && node.item.parentNode === w.list) state.tail = node.item;
    });
    w.reset();
    w.showCount();
    if (fromBar) nodes[0].article.scrollIntoView({ block: "center" });
    nodes[0].article.focus({ preventScroll: true });
  }
  w.reset = function () {
    fresh = [];
    offer();
  };
  document.addEventListener("visibilitychange", schedule);
  schedule();

  // Readers' reports (newsroom): a dialog with the reasons, none chosen beforehand; the button
  // says what will be sent; illegal content goes to the notice page. The thanks show at the comment.
  function report(c, button) {
    var note = h("p", { class: "status", role: "status" });
    var send = h("button", { type: "submit", class: "submit", text: t.reportSend });
    var set = h("fieldset", { onchange: function (e) {
      var reason = t[e.target.value];  // "Report as spam"; German keeps its nouns capitalised
      send.textContent = fill(t.reportAs, { reason: w.lang === "de" ? reason : reason.toLowerCase() });
      note.textContent = "";
    } }, h("legend", { text: t.reportWhy }));
    ["spam", "abuse", "off_topic"].forEach(function (r) {
      set.append(checkRow(h("input", { type: "radio", name: "reason", id: "r-" + r, value: r }), t[r]));
    });
    var dialog = h("dialog", { "aria-labelledby": "r-title", onclose: function () { dialog.remove(); button.focus(); } },
      h("form", { method: "dialog", onsubmit: function (e) {
        e.preventDefault();
        var chosen = dialog.querySelector("input:checked");
        if (!chosen) return (note.textContent = t.pick), set.querySelector("input").focus();
        send.disabled = true;
        request("/api/comments/" + c.id + "/reports", { reason: chosen.value, voter: voter(), lang: w.lang }).then(function (data) {
          send.disabled = false;
          if (data.status !== 202) return (note.textContent = explain(data));
          dialog.close();
          w.note(state.nodes[c.id], t.thanks);
        });
      } },
      h("h3", { id: "r-title", text: t.reportTitle }), set,
      h("p", null, h("a", { href: u.API + "/notices/new?" + u.query({ comment: c.id, lang: w.lang }), target: "_blank", rel: "noopener", text: t.illegal })),
      note, h("p", null, send, " ", h("button", { type: "button", class: "cancel", text: t.cancelEdit, onclick: function () { dialog.close(); } }))));
    w.shell.append(dialog);
    dialog.showModal();
  }

  w.root.append(h("style", { text: CSS }));
  w.shell.append(closedNote, formHome, bar);
  setTitle();
  received();
  w.fields = fields;
  w.form = form;
  w.reply = openReply;
  w.received = received;
  w.decorate = decorate;
  w.report = report;
  Object.keys(state.nodes).forEach((id) => decorate(state.nodes[id]));
  showOwnPending();
});
})();
