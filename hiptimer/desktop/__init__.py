"""The desktop around hiptimer, without Qt: installing it, the session bus, and reaching a
window that already runs."""
