// Fuyuan on a phone, as progressive enhancement (every page works without it): tables that scroll in their own
// box or read as cards, a chips unit picker over <select multiple>, photos shrunk one by one before upload, drafts that
// survive a reload. No inline scripts (CSP); runs on load and on every htmx swap.
(function () {
  "use strict";
  var CARD_TABLES = "table.fy-cards, [data-testid=ledger-table], [data-testid=suggestions], [data-testid=meetings], " +
                    "[data-testid^=home-] table, [data-testid$=-queue]";
  var MAX_EDGE = 1600;            // px: a photo's long edge after shrinking (readable, ~300–600 KB as JPEG)
  var SHRINK_ABOVE = 1024 * 1024; // bytes: smaller images are sent as they are

  // Words come translated from the page (base.html, Django i18n); the fallbacks are the Chinese catalogue's.
  var TEXT = {camera: "拍照", search: "输入单位名称搜索，点选添加", remove: "移除", chosen: "已选 {n} 个",
              shrunk: "已压缩：{from} → {to}", more: "展开"};
  try { Object.assign(TEXT, JSON.parse(document.getElementById("fy-phone-text").textContent)); } catch (e) { /* fallbacks */ }
  function say(key, values) {
    return TEXT[key].replace(/\{(\w+)\}/g, function (all, name) { return values && name in values ? values[name] : all; });
  }

  function humanSize(bytes) {
    if (bytes < 1024) { return bytes + " B"; }
    if (bytes < 1024 * 1024) { return (bytes / 1024).toFixed(0) + " KB"; }
    return (bytes / 1024 / 1024).toFixed(1) + " MB";
  }

  // --- tables ---------------------------------------------------------------------------------------------------
  function prepareTable(table) {
    if (table.dataset.fyTable) { return; }
    table.dataset.fyTable = "1";
    if (table.matches(CARD_TABLES) && table.tBodies.length) {
      var labels = table.tHead ? Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
        return th.textContent.replace(/[▲▼↑↓]/g, "").trim();
      }) : [];
      table.classList.add("fy-cards-on");
      Array.prototype.forEach.call(table.tBodies[0] ? table.tBodies[0].rows : [], function (row) {
        var titled = false;
        Array.prototype.forEach.call(row.cells, function (cell, i) {
          if (labels[i] && !cell.hasAttribute("data-label")) { cell.setAttribute("data-label", labels[i]); }
          if (!titled && cell.querySelector(":scope > a[href]")) { cell.classList.add("fy-card-title"); titled = true; }
          if (cell.querySelector(".light-label")) { cell.classList.add("fy-card-light"); }
        });
        var first = Array.prototype.filter.call(row.cells, function (c) { return !c.querySelector("input"); })[0];
        if (first && !first.classList.contains("fy-card-title") && first.textContent.trim().length < 24) {
          first.classList.add("fy-card-number");
        }
      });
    }
    var parent = table.parentElement;
    if (parent && !parent.classList.contains("table-responsive") && !parent.classList.contains("fy-scroll")) {
      var box = document.createElement("div");
      box.className = "fy-scroll";
      parent.insertBefore(box, table);
      box.appendChild(table);
    }
  }

  // --- chips unit picker ----------------------------------------------------------------------------------------
  function chips(select) {
    if (select.dataset.fyChips || select.dataset.noChips !== undefined) { return; }
    select.dataset.fyChips = "1";
    var box = document.createElement("div");
    box.className = "fy-chips";
    var list = document.createElement("div");
    list.className = "fy-chips-list";
    var input = document.createElement("input");
    input.type = "search";
    input.autocomplete = "off";
    input.placeholder = select.dataset.chipsPlaceholder || say("search");
    var label = document.querySelector("label[for='" + select.id + "']");
    if (label) { input.setAttribute("aria-label", label.textContent.trim()); }
    var count = document.createElement("div");
    count.className = "fy-chips-count";
    var options = document.createElement("ul");
    options.className = "fy-chips-options";
    options.setAttribute("role", "listbox");
    box.append(list, input, count, options);
    select.parentNode.insertBefore(box, select.nextSibling);
    select.classList.add("fy-chips-source");
    select.tabIndex = -1;
    var active = -1;

    function render() {
      list.textContent = "";
      var chosen = Array.prototype.filter.call(select.options, function (o) { return o.selected; });
      chosen.forEach(function (option) {
        var chip = document.createElement("span");
        chip.className = "fy-chip";
        chip.dataset.value = option.value;
        chip.append(option.textContent);
        var remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = "×";
        remove.setAttribute("aria-label", say("remove") + " " + option.textContent);
        remove.addEventListener("click", function () {
          option.selected = false;  // only this unit: a careless click never clears the others
          select.dispatchEvent(new Event("change", {bubbles: true}));
        });
        chip.append(remove);
        list.append(chip);
      });
      count.textContent = chosen.length ? say("chosen", {n: chosen.length}) : "";
    }

    function suggest() {
      var query = input.value.trim().toLowerCase();
      options.textContent = "";
      active = -1;
      // An empty box lists every unit not yet chosen, to browse with a finger; typing narrows it.
      Array.prototype.filter.call(select.options, function (o) {
        return !o.selected && o.value && o.textContent.toLowerCase().indexOf(query) !== -1;
      }).slice(0, query ? 30 : 200).forEach(function (option) {
        var item = document.createElement("li");
        item.setAttribute("role", "option");
        item.dataset.value = option.value;
        item.textContent = option.textContent;
        item.addEventListener("mousedown", function (e) { e.preventDefault(); });
        item.addEventListener("click", function () { pick(option); });
        options.append(item);
      });
    }

    function pick(option) {
      option.selected = true;
      input.value = "";
      select.dispatchEvent(new Event("change", {bubbles: true}));
      input.focus();
      suggest();
    }

    input.addEventListener("input", suggest);
    input.addEventListener("focus", suggest);
    input.addEventListener("keydown", function (e) {
      var items = options.querySelectorAll("li");
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (!items.length) { return; }
        active = (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        items.forEach(function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
      } else if (e.key === "Enter") {
        e.preventDefault();  // never submit the form from the search box
        var chosen = items[active >= 0 ? active : 0];
        if (chosen) {
          var option = Array.prototype.filter.call(select.options, function (o) { return o.value === chosen.dataset.value; })[0];
          if (option) { pick(option); }
        }
      } else if (e.key === "Escape") {
        input.value = "";
        options.textContent = "";
      }
    });
    input.addEventListener("blur", function () { setTimeout(function () { options.textContent = ""; }, 150); });
    select.addEventListener("change", render);
    render();
  }

  // --- photos and files -----------------------------------------------------------------------------------------
  function shrink(file) {
    // A large photo is redrawn on a canvas at MAX_EDGE and sent as JPEG; anything else goes as it is.
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || file.size <= SHRINK_ABOVE || !window.createImageBitmap) {
      return Promise.resolve(file);
    }
    return createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      var ctx = canvas.getContext("2d");
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob || blob.size >= file.size) { resolve(file); return; }
          var name = file.name.replace(/\.[^.]+$/, "") + ".jpg";
          resolve(new File([blob], name, {type: "image/jpeg", lastModified: file.lastModified}));
        }, "image/jpeg", 0.85);
      });
    }).catch(function () { return file; });
  }

  function fileInput(input) {
    // Each chosen file is sent as its own attachment: large photos are shrunk one by one, the camera button adds
    // a photo to what is already chosen, each file is listed with its size and can be removed before sending.
    if (input.dataset.fyFile) { return; }
    input.dataset.fyFile = "1";
    if (!input.accept) {  // photos first in the phone's picker, and the documents the upload policy takes
      input.accept = "image/*,.pdf,.ofd,.doc,.docx,.wps,.xls,.xlsx,.et,.zip";
    }
    var several = input.multiple;
    var limit = Number(input.dataset.totalLimit) || 0;
    var camera = document.createElement("label");
    camera.className = "btn btn-outline-secondary btn-sm mt-1 fy-camera";
    camera.textContent = say("camera");
    var shutter = document.createElement("input");
    shutter.type = "file";
    shutter.accept = "image/*";
    shutter.setAttribute("capture", "environment");
    shutter.dataset.fyFile = "1";
    shutter.hidden = true;
    shutter.setAttribute("aria-label", say("camera"));
    camera.append(shutter);
    var listing = document.createElement("ul");
    listing.className = "fy-file-list";
    listing.setAttribute("data-testid", "file-sizes");
    listing.setAttribute("aria-live", "polite");
    input.after(camera, listing);
    var chosen = [];  // what the form sends, each file already shrunk
    var busy = false;

    function submitButton() { return input.form && input.form.querySelector("[type=submit]"); }

    function note(text, className) {
      var li = document.createElement("li");
      li.className = className || "fy-file-note";
      li.textContent = text;
      listing.append(li);
    }

    function show() {
      listing.textContent = "";
      chosen.forEach(function (f, index) {
        var li = document.createElement("li");
        li.dataset.file = f.name;
        var name = document.createElement("span");
        name.textContent = f.name;
        var size = document.createElement("span");
        size.className = "text-nowrap";
        size.dataset.bytes = f.size;
        size.textContent = f.fyOriginal ? say("shrunk", {from: humanSize(f.fyOriginal), to: humanSize(f.size)})
                                        : humanSize(f.size);
        li.append(name, size);
        if (several) {
          var remove = document.createElement("button");
          remove.type = "button";
          remove.className = "btn btn-link btn-sm p-0 fy-file-remove";
          remove.textContent = say("remove");
          remove.addEventListener("click", function () { chosen.splice(index, 1); apply(); });
          li.append(remove);
        }
        listing.append(li);
      });
      var total = chosen.reduce(function (s, f) { return s + f.size; }, 0);
      if (chosen.length > 1 && input.dataset.countText) {
        note(input.dataset.countText.replace("{n}", chosen.length).replace("{size}", humanSize(total)));
      }
      var tooBig = limit && total > limit;
      if (tooBig) { note(input.dataset.totalNote || "", "fy-file-note text-danger"); }
      var submit = submitButton();
      if (submit) { submit.disabled = busy || Boolean(tooBig); }
    }

    function apply() {
      var transfer = new DataTransfer();
      chosen.forEach(function (f) { transfer.items.add(f); });
      input.files = transfer.files;
      show();
    }

    function take(files, adding) {
      busy = true;
      show();
      Promise.all(files.map(function (f) {
        return shrink(f).then(function (ready) {
          if (ready !== f) { ready.fyOriginal = f.size; }
          return ready;
        });
      })).then(function (ready) {
        chosen = several ? (adding ? chosen.concat(ready) : ready) : ready.slice(-1);
      }).catch(function () {
        chosen = several && adding ? chosen.concat(files) : files.slice(-1);
      }).then(function () { busy = false; apply(); });
    }

    // The picker replaces the selection (as a file input does); the camera adds one photo to it.
    input.addEventListener("change", function () { take(Array.prototype.slice.call(input.files), false); });
    shutter.addEventListener("change", function () {
      var photos = Array.prototype.slice.call(shutter.files);
      shutter.value = "";
      if (photos.length) { take(photos, true); }
    });
  }

  // --- tooltips ---------------------------------------------------------------------------------------------------
  function tooltip(el) {
    // A title is invisible to a finger: what it holds and the page does not show gets a tap-to-show button.
    var title = (el.getAttribute("title") || "").trim();
    if (el.dataset.fyTip || !title || (el.textContent || "").indexOf(title) !== -1) { return; }
    el.dataset.fyTip = "1";
    var more = document.createElement("button");
    more.type = "button";
    more.className = "btn btn-link btn-sm p-0 ms-1 fy-more d-print-none";
    more.textContent = say("more");
    more.setAttribute("aria-expanded", "false");
    var text = document.createElement("span");
    text.className = "fy-more-text small text-muted";
    text.hidden = true;
    text.textContent = "（" + title + "）";
    more.addEventListener("click", function (event) {
      event.preventDefault();
      text.hidden = !text.hidden;
      more.setAttribute("aria-expanded", text.hidden ? "false" : "true");
    });
    el.after(more, text);
  }

  // --- drafts ---------------------------------------------------------------------------------------------------
  function draftKey(field) {
    var form = field.form;
    return "fy-draft:" + location.pathname + ":" + (form ? form.getAttribute("action") : "") + ":" + field.name;
  }

  function draft(field) {
    if (field.dataset.fyDraft || !field.form || (field.form.method || "").toLowerCase() !== "post") { return; }
    if (field.form.querySelector("input[type=password]")) { return; }  // never keep sign-in forms
    field.dataset.fyDraft = "1";
    var key = draftKey(field);
    try {
      var saved = sessionStorage.getItem(key);
      if (saved && !field.value.trim()) { field.value = saved; }
    } catch (e) { return; }
    field.addEventListener("input", function () {
      try { sessionStorage.setItem(key, field.value); } catch (e) { /* storage full or disabled */ }
    });
    field.form.addEventListener("submit", function () {
      try { sessionStorage.removeItem(key); } catch (e) { /* ignore */ }
    });
  }

  // --- folded filters -------------------------------------------------------------------------------------------
  function filters(form) {
    if (form.dataset.fyFilters) { return; }
    form.dataset.fyFilters = "1";
    var used = Array.prototype.filter.call(form.elements, function (el) {
      if (!el.name || el.name === "sort" || el.type === "hidden" || el.type === "submit") { return false; }
      return el.type === "checkbox" || el.type === "radio" ? el.checked : Boolean(el.value);
    }).length;
    var toggle = document.querySelector("[data-fy-toggle='#" + form.id + "'] .fy-filter-count");
    if (toggle && used) { toggle.textContent = "（" + used + "）"; }
  }

  function enhance(root) {
    root.querySelectorAll("main table").forEach(prepareTable);
    root.querySelectorAll("main select[multiple]").forEach(chips);
    root.querySelectorAll("main form input[type=file]").forEach(fileInput);
    root.querySelectorAll("main form textarea, main form input[type=text], main form input[type=date]").forEach(draft);
    root.querySelectorAll("form.fy-filters[id]").forEach(filters);
    root.querySelectorAll("main [title]").forEach(tooltip);
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-fy-toggle]");
    if (!toggle) { return; }
    var target = document.querySelector(toggle.dataset.fyToggle);
    if (!target) { return; }
    var open = target.classList.toggle("show");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSettle", function () { enhance(document); });
})();
