#pragma once

namespace bunny::app {

class MainWindow;

/// Pictures for the README, taken by packaging/screenshots against a temporary bunnyd. With
/// BUNNY_SCREENSHOT=<scene>:<file.png> set, once the window is up it fills the screen, opens the
/// scene, waits for the server's data, saves a picture of the whole screen (every window as a
/// person sees it: run it under xvfb-run with a window manager) and quits. Scenes:
///   signin   Account > Sign In… filled with BUNNY_SCREENSHOT_USER and
///            BUNNY_SCREENSHOT_PASSWORD; after the picture it signs in for real, so later
///            scenes with the same data folders start signed in;
///   explore  File > Explore Server… listing the server's public recordings, the first
///            selected and its owner's profile shown (waits for the saved session first);
///   publish  Git > Publish…'s preview of the project's HEAD, made public.
/// Exits 0 once done; prints why and exits 1 when the scene is not ready within 30 s. Does
/// nothing without the variable.
void startScreenshotFromEnvironment(MainWindow *window);

} // namespace bunny::app
