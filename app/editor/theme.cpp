#include "editor/theme.h"

#include <Qsci/qscilexer.h>
#include <Qsci/qsciscintilla.h>

#include <QColor>
#include <QFont>

#include <algorithm>

namespace bunny::app {

namespace {

const QColor kDarkPaper(0x1e, 0x1f, 0x22);
const QColor kDarkText(0xd4, 0xd4, 0xd4);
const QColor kDarkMargin(0x2b, 0x2d, 0x30);
const QColor kLightMargin(0xf0, 0xf0, 0xf0);

// A light theme's dark ink becomes light ink of the same hue, keeping saturated colours readable.
QColor forDarkPaper(const QColor &light)
{
    float h = 0, s = 0, l = 0;
    light.getHslF(&h, &s, &l);
    const float dark = std::max(0.6f, 1.0f - l * 0.6f);
    return QColor::fromHslF(h < 0 ? 0 : h, std::min(s, 0.7f), dark);
}

} // namespace

void applyTheme(QsciScintilla *editor, const QFont &font, bool dark)
{
    const QColor paper = dark ? kDarkPaper : QColor(Qt::white);
    const QColor ink = dark ? kDarkText : QColor(Qt::black);
    if (QsciLexer *lexer = editor->lexer()) {
        lexer->setDefaultFont(font);
        lexer->setFont(font, -1);
        lexer->setDefaultPaper(paper);
        lexer->setDefaultColor(ink);
        lexer->setPaper(paper, -1);
        for (int style = 0; style < 128; ++style) {
            if (lexer->description(style).isEmpty())
                continue;
            const QColor color = lexer->defaultColor(style);
            lexer->setColor(dark ? forDarkPaper(color) : color, style);
            QFont styleFont = font;
            styleFont.setBold(lexer->defaultFont(style).bold());
            styleFont.setItalic(lexer->defaultFont(style).italic());
            lexer->setFont(styleFont, style);
        }
    } else {
        editor->setFont(font);
        editor->setPaper(paper);
        editor->setColor(ink);
    }
    editor->setMarginsFont(font);
    editor->setMarginsBackgroundColor(dark ? kDarkMargin : kLightMargin);
    editor->setMarginsForegroundColor(dark ? QColor(0x85, 0x85, 0x85) : QColor(0x70, 0x70, 0x70));
    editor->setFoldMarginColors(dark ? kDarkMargin : kLightMargin, dark ? kDarkMargin : kLightMargin);
    editor->setCaretForegroundColor(ink);
    editor->setCaretLineBackgroundColor(dark ? QColor(0x2c, 0x31, 0x3a) : QColor(0xf2, 0xf6, 0xfc));
    editor->setSelectionBackgroundColor(dark ? QColor(0x26, 0x4f, 0x78) : QColor(0xad, 0xd6, 0xff));
    editor->setMatchedBraceBackgroundColor(dark ? QColor(0x3a, 0x5a, 0x40) : QColor(0xc8, 0xf0, 0xc8));
    editor->setIndentationGuidesBackgroundColor(paper);
    editor->setIndentationGuidesForegroundColor(dark ? QColor(0x40, 0x40, 0x40) : QColor(0xd0, 0xd0, 0xd0));
}

} // namespace bunny::app
