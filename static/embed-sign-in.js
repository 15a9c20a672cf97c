/* Tertulia: signed-in readers (README "Sign in with your site's accounts"). Loaded by embed.js
   only when the page signs its reader in (data-sso-token, tertulia.login()), names a sign-in
   page (data-sso-login), or the site lets only signed-in readers comment. */
(function () {
"use strict";

var I18N = {
  en: {
    as: "Commenting as", signIn: "Sign in to comment", signOut: "Sign out",
    only: "Only signed-in readers can comment here.", gone: "You are signed out."
  },
  es: {
    as: "Comentas como", signIn: "Inicia sesión para comentar", signOut: "Cerrar sesión",
    only: "Aquí solo pueden comentar lectores con sesión iniciada.", gone: "Has cerrado la sesión."
  }
};
var CSS = ".as{display:flex;flex-wrap:wrap;align-items:center;gap:.3em .6em}.as b{font-weight:600}.gate{margin:1.5em 0}";

window.__tertulia(function install(w, u) {
  var h = u.h;
  var t = I18N[w.lang];
  var form = w.form;
  var home = form.parentNode;
  var login = u.option("sso-login", w.root.host);
  // "Commenting as NAME [badges] (Sign out)", above the fields, in place of name and email.
  var as = h("div", { class: "as", hidden: true });
  var gate = h("p", { class: "gate", hidden: true }, t.only + " ", login ? h("a", { href: login, text: t.signIn }) : null);
  var guestOnly = [w.fields.name.control, w.fields.email.control, form.querySelector("#save"), form.querySelector(".note")]
    .map((e) => e.closest(".field,p"));
  form.querySelector(".form-head").after(as);
  home.before(gate);
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
        ...user.badges.map((b) => h("span", { class: "badge", text: b[w.lang] })),
        user.staff ? h("span", { class: "badge", text: w.state.staffLabel || w.t.staff }) : null,
        h("button", { type: "button", class: "cancel", text: t.signOut, onclick: function () { w.signIn(); w.announce(t.gone); } }));
    }
    // A guest where guests may not post sees why, and the way in, instead of the form.
    gate.hidden = !!user || w.state.who === "everyone";
    home.hidden = w.skip.hidden = !gate.hidden || w.state.closed;
  }

  w.signIn = function (token) {
    u.auth(token);
    w.user = null;
    if (!token) return Promise.resolve(show());
    return u.request("/api/session", { url: w.page.url, lang: w.lang }).then(function (data) {
      if (!data.user) {
        u.auth(null);
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
  w.signIn(u.option("sso-token", w.root.host));
});
})();
