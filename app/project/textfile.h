#pragma once

#include <QByteArray>

namespace bunny::app {

/// True for bytes an editor can show and save back unchanged: valid UTF-8 without NUL bytes.
bool isUtf8Text(const QByteArray &bytes);

} // namespace bunny::app
