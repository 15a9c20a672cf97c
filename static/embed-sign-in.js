/* Tertulia: signed-in readers (README "Sign in with your site's accounts", "Sign in with your
   email"). Loaded by embed.js only when the page signs its reader in (data-sso-token,
   tertulia.login()), names a sign-in page (data-sso-login), offers sign-in by email
   (data-email-sign-in), a reader signed in by email before, or the site lets only
   signed-in readers comment. */
(function () {
"use strict";

var I18N = {
  en: {
    as: "Commenting as", signIn: "Sign in to comment", signOut: "Sign out",
    only: "Only signed-in readers can comment here.", gone: "You are signed out.",
    byMail: "Sign in with your email", name: "Name", email: "Email", send: "Email me a link",
    sent: "Check your mail: open its link within 15 minutes and press the button. This page then signs you in by itself.",
    over: "The sign-in link has expired; ask for a new one.", hello: "You are signed in as {name}.",
    rename: "Change name", save: "Save"
  }
};
var CSS = ".as{display:flex;flex-wrap:wrap;align-items:center;gap:.3em .6em}.as b{font-weight:600}.gate{margin:1.5em 0}.way form{max-width:28em}";
// A reader signed in by email keeps our credential in this page's own localStorage.
var KEY = ":email";

window.__tertulia(function install(w, u, own) {
  var h = u.h;
  var t = Object.assign({}, I18N.en, own);
  var form = w.form;
  var home = form.parentNode;
  var login = u.option("sso-login", w.root.host);
  // "Commenting as NAME [badges] (Sign out)", above the fields, in place of name and email.
  var as = h("div", { class: "as", hidden: true });
  var gate = h("p", { class: "gate", hidden: true }, t.only + " ", login ? h("a", { href: login, text: t.signIn }) : null);
  var guestOnly = [w.fields.name.control, w.fields.email.control, form.querySelector("#save"), form.querySelector(".note")]
    .map((e) => e.closest(".field,p"));
  var page = { url: w.page.url, lang: w.lang };
  // "Sign in with your email": the link is mailed; this tab waits for it to be used.
  function field(id, label, type, value) {
    return h("div", { class: "field" }, h("label", { for: id, text: label }),
      h("input", { id: id, name: id, type: type, required: true, value: value || "", autocomplete: type === "email" ? "email" : "name" }));
  }
  var mail = h("form", { hidden: true, novalidate: true, "aria-label": t.byMail, onsubmit: ask },
    field("m-name", t.name, "text"), field("m-email", t.email, "email"),
    h("p", null, h("button", { type: "submit", class: "submit", text: t.send })));
  var way = h("div", { class: "way", hidden: true },
    h("button", { type: "button", class: "cancel", "aria-expanded": "false", text: t.byMail, onclick: function () {
      mail.hidden = !mail.hidden;
      this.setAttribute("aria-expanded", !mail.hidden);
      if (!mail.hidden) (mail.elements["m-name"].value = mail.elements["m-name"].value || w.fields.name.control.value), mail.elements["m-name"].focus();
    } }), mail);
  function said(data) {
    return data.fields ? Object.keys(data.fields).map((f) => data.fields[f].join(" ")).join(" ") : data.message || w.t.failed;
  }
  function ask(e) {
    e.preventDefault();
    u.request("/api/session/email", Object.assign({ name: mail.elements["m-name"].value, email: mail.elements["m-email"].value }, page)).then(function (data) {
      if (!data.poll) return w.announce(said(data));
      mail.hidden = true;
      w.announce(t.sent);
      wait(data.poll);
    });
  }
  function wait(poll) {
    setTimeout(function () {
      u.request("/api/session/email/wait", Object.assign({ poll: poll }, page)).then(function (data) {
        if (data.credential) {
          u.save(KEY, data.credential);
          w.signIn(data.credential).then(() => w.user && w.announce(u.fill(t.hello, { name: w.user.name })));
        } else if (data.status === 200) wait(poll);
        else w.announce(data.status === 410 ? t.over : said(data));
      });
    }, 3000);
  }
  // A reader signed in by email changes their name here (an SSO reader's is the site's).
  var rename = h("form", { hidden: true, novalidate: true, "aria-label": t.rename, onsubmit: function (e) {
    e.preventDefault();
    u.request("/api/session", Object.assign({ name: rename.elements["m-rename"].value }, page), "PATCH").then(function (data) {
      if (!data.user) return w.announce(said(data));
      w.user = data.user;
      rename.hidden = true;
      show();
      w.announce(u.fill(t.hello, { name: data.user.name }));
    });
  } }, field("m-rename", t.name, "text"), h("p", null, h("button", { type: "submit", class: "submit", text: t.save })));

  form.querySelector(".form-head").after(as, rename);
  home.before(gate, way);
  w.root.append(h("style", { text: CSS }));

  function mine(node) {
    var c = node.c;
    var list = u.load(w.mineKey) || [];
    if (!w.user || !c.verified || c.avatar !== w.user.avatar || list.some((m) => m.id === c.id)) return false;
    // Their own comment, posted from another device: edited with the sign-in, no edit token.
    u.save(w.mineKey, list.concat([{ id: c.id, text: node.body ? node.body.textContent.trim() : "" }]).slice(-50));
    return true;
  }

  function show() {
    var user = w.user;
    guestOnly.forEach((e) => (e.hidden = !!user));
    as.hidden = !user && !login;
    // A guest sees the way in ("Sign in to comment"), a signed-in reader who they are.
    as.replaceChildren(user ? "" : h("a", { href: login, text: t.signIn }));
    if (user) {
      as.append(t.as + " ", h("b", { text: user.name }),
        ...user.badges.map((b) => u.badge(b, w.lang)),
        user.staff ? h("span", { class: "badge", text: w.state.staffLabel || w.t.staff }) : null,
        user.kind === "email" ? h("button", { type: "button", class: "cancel", text: t.rename, onclick: function () {
          rename.hidden = false;
          rename.elements["m-rename"].value = user.name;
          rename.elements["m-rename"].focus();
        } }) : null,
        h("button", { type: "button", class: "cancel", text: t.signOut, onclick: function () { w.signIn(); w.announce(t.gone); } }));
    }
    if (!user) rename.hidden = true;
    way.hidden = !!user || !w.state.notifications || w.state.who === "sso";
    // A guest where guests may not post sees why, and the way in, instead of the form.
    gate.hidden = !!user || w.state.who === "everyone";
    home.hidden = w.skip.hidden = !gate.hidden || w.state.closed;
  }

  w.signIn = function (token) {
    u.auth(token);
    w.user = null;
    if (!token) return Promise.resolve(show(u.save(KEY, null)));
    return u.request("/api/session", { url: w.page.url, lang: w.lang }).then(function (data) {
      if (!data.user) {
        u.auth(null);
        if (token === u.load(KEY)) u.save(KEY, null);
        w.announce(data.message || w.t.failed);
      }
      w.user = data.user;
      show();
      Object.keys(w.state.nodes).forEach(function (id) {
        var node = w.state.nodes[id];
        if (mine(node)) decorate(node);
      });
    });
  };

  var decorate = w.decorate;
  w.decorate = function (node) {
    mine(node);
    decorate(node);
  };
  var received = w.received;
  w.received = function () {
    received();
    show();
  };
  w.signIn(u.option("sso-token", w.root.host) || u.load(KEY));
});
})();
