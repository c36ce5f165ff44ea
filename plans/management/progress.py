"""A small text progress bar for management commands (no dependency: tqdm is not installed).

It redraws one line on a TTY and stays silent otherwise, so logs and pipes
get only the final summary line that the command writes itself.
"""


class ProgressBar:
    def __init__(self, stdout, label: str, width: int = 30):
        self.stdout, self.label, self.width = stdout, label, width
        self.enabled = stdout.isatty()
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        filled = self.width * done // total
        bar = "#" * filled + "-" * (self.width - filled)
        self.stdout.write(f"\r{self.label} [{bar}] {done}/{total}", ending="")
        self.stdout.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.drawn:
            self.stdout.write("")
