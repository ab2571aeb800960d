#pragma once

#include <Qsci/qsciscintilla.h>

#include <algorithm>
#include <string>
#include <string_view>

namespace bunny::app {

/// The editor's bytes without a copy (valid until the next change).
inline std::string_view scintillaBytes(QsciScintilla *editor)
{
    const auto length = std::size_t(editor->SendScintilla(QsciScintillaBase::SCI_GETLENGTH));
    const auto *data =
        reinterpret_cast<const char *>(editor->SendScintilla(QsciScintillaBase::SCI_GETCHARACTERPOINTER));
    return {data, length};
}

/// Replaces bytes [from, to) of a read-only view with `text`; Scintilla positions are byte
/// offsets, like the recording format's and the battle protocol's.
inline void replaceScintillaBytes(QsciScintilla *editor, long from, long to, std::string_view text)
{
    const long length = editor->SendScintilla(QsciScintillaBase::SCI_GETLENGTH);
    from = std::clamp(from, 0L, length);
    to = std::clamp(to, from, length);
    const bool readOnly = editor->isReadOnly();
    editor->SendScintilla(QsciScintillaBase::SCI_SETREADONLY, false);
    editor->SendScintilla(QsciScintillaBase::SCI_SETTARGETRANGE, from, to);
    // Scintilla wants a real pointer even for no text (an empty view's data() may be null).
    editor->SendScintilla(QsciScintillaBase::SCI_REPLACETARGET, text.size(), text.empty() ? "" : text.data());
    editor->SendScintilla(QsciScintillaBase::SCI_SETREADONLY, readOnly);
}

} // namespace bunny::app
