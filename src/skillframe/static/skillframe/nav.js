// Main navigation menus (<details class="menu"> in base.html): native disclosure widgets, so they
// open with Enter/Space and work without this file. This only keeps one menu open at a time and
// closes it with Escape (focus back on its summary), on a click outside or when focus leaves it.
(function () {
  "use strict";
  function menus() {
    return document.querySelectorAll(".main-nav details.menu");
  }
  function closeAll(except) {
    menus().forEach(function (menu) {
      if (menu !== except) {
        menu.open = false;
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    menus().forEach(function (menu) {
      menu.addEventListener("toggle", function () {
        if (menu.open) {
          closeAll(menu);
        }
      });
      menu.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && menu.open) {
          menu.open = false;
          menu.querySelector("summary").focus();
        }
      });
      menu.addEventListener("focusout", function (event) {
        if (menu.open && event.relatedTarget && !menu.contains(event.relatedTarget)) {
          menu.open = false;
        }
      });
    });
    document.addEventListener("click", function (event) {
      if (!event.target.closest(".main-nav details.menu")) {
        closeAll(null);
      }
    });
  });
})();
