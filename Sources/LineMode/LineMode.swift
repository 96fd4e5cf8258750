// LineMode
