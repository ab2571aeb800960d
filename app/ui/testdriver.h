#pragma once

namespace bunny::app {

class MainWindow;

/// Scripted input for tests that run the real `bunny` binary (e.g. the SIGKILL recovery
/// test). With BUNNY_TEST_TYPE=<text> set, types the text into the focused editor one
/// character per event-loop turn (every BUNNY_TEST_TYPE_INTERVAL_MS, default 10) through the
/// same Scintilla path as keystrokes, then prints "bunny-test: typed <n>" on stdout. Does
/// nothing without the variable. With BUNNY_TEST_READY set, prints "bunny-test: ready" once the
/// window is up and its event loop runs (the start-up benchmark waits for it).
void startTestDriverFromEnvironment(MainWindow *window);

} // namespace bunny::app
