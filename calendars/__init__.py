"""The annual calendar of activities, the editorial calendar, ICS feeds and ICS import."""
