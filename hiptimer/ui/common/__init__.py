"""What every part of the window uses: text shown as it is, the key table, the looks, and
the services the window is built with."""
