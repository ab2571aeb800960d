#pragma once

#include <QString>

namespace bunny::app {

/// Creates the sample project under the app's data folder on first use and returns its path.
QString ensureSampleProject();

} // namespace bunny::app
