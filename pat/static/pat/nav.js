// One menu of the top navigation open at a time, closed by Escape or a click elsewhere.
// The menus are <details> elements and work without this script.
document.addEventListener("click", (event) => {
  for (const menu of document.querySelectorAll("header.top details.menu[open]")) {
    if (!menu.contains(event.target)) menu.open = false;
  }
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const menu of document.querySelectorAll("header.top details.menu[open]")) {
    menu.open = false;
    menu.querySelector("summary").focus();
  }
});
