#include "editor/findbar.h"

#include "editor/codeeditor.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QToolButton>

#include <regex>

namespace bunny::app {

FindBar::FindBar(QWidget *parent)
    : QWidget(parent)
{
    m_find = new QLineEdit(this);
    m_find->setPlaceholderText(tr("Find"));
    m_find->setClearButtonEnabled(true);
    m_replace = new QLineEdit(this);
    m_replace->setPlaceholderText(tr("Replace"));
    m_regex = new QCheckBox(tr("Regex"), this);
    m_case = new QCheckBox(tr("Match case"), this);
    m_word = new QCheckBox(tr("Whole word"), this);
    m_status = new QLabel(this);
    auto *previous = new QPushButton(tr("Previous"), this);
    auto *next = new QPushButton(tr("Next"), this);
    auto *replace = new QPushButton(tr("Replace"), this);
    auto *replaceAllButton = new QPushButton(tr("Replace All"), this);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(6, 3, 6, 3);
    layout->addWidget(m_find, 0, 0);
    layout->addWidget(previous, 0, 1);
    layout->addWidget(next, 0, 2);
    layout->addWidget(m_regex, 0, 3);
    layout->addWidget(m_case, 0, 4);
    layout->addWidget(m_word, 0, 5);
    layout->addWidget(m_status, 0, 6);
    layout->addWidget(close, 0, 7);
    layout->addWidget(m_replace, 1, 0);
    layout->addWidget(replace, 1, 1);
    layout->addWidget(replaceAllButton, 1, 2);
    layout->setColumnStretch(0, 1);
    for (QWidget *w : {static_cast<QWidget *>(m_replace), static_cast<QWidget *>(replace),
                       static_cast<QWidget *>(replaceAllButton)})
        w->setProperty("replaceRow", true);

    connect(m_find, &QLineEdit::returnPressed, this, [this] { findNext(true); });
    connect(m_replace, &QLineEdit::returnPressed, this, [this] { replaceCurrent(); });
    connect(next, &QPushButton::clicked, this, [this] { findNext(true); });
    connect(previous, &QPushButton::clicked, this, [this] { findNext(false); });
    connect(replace, &QPushButton::clicked, this, [this] { replaceCurrent(); });
    connect(replaceAllButton, &QPushButton::clicked, this, [this] { replaceAll(); });
    auto closeBar = [this] {
        hide();
        if (m_editor)
            m_editor->setFocus();
    };
    connect(close, &QToolButton::clicked, this, closeBar);
    // Esc anywhere in the bar closes it, as in VS Code and Qt Creator.
    auto *escape =
        new QShortcut(QKeySequence(Qt::Key_Escape), this, this, closeBar, Qt::WidgetWithChildrenShortcut);
    Q_UNUSED(escape)
}

void FindBar::setEditor(CodeEditor *editor)
{
    m_editor = editor;
}

void FindBar::showFind(bool withReplace)
{
    const auto rows = findChildren<QWidget *>();
    for (QWidget *w : rows) {
        if (w->property("replaceRow").toBool())
            w->setVisible(withReplace);
    }
    if (m_editor && m_editor->hasSelectedText() && !m_editor->selectedText().contains(QLatin1Char('\n')))
        m_find->setText(m_editor->selectedText());
    show();
    m_find->setFocus();
    m_find->selectAll();
}

void FindBar::setPattern(const QString &pattern)
{
    m_find->setText(pattern);
}

void FindBar::setReplacement(const QString &replacement)
{
    m_replace->setText(replacement);
}

void FindBar::setRegex(bool regex)
{
    m_regex->setChecked(regex);
}

void FindBar::setCaseSensitive(bool caseSensitive)
{
    m_case->setChecked(caseSensitive);
}

int FindBar::searchFlags() const
{
    int flags = 0;
    if (m_regex->isChecked())
        flags |= QsciScintillaBase::SCFIND_REGEXP | QsciScintillaBase::SCFIND_CXX11REGEX;
    if (m_case->isChecked())
        flags |= QsciScintillaBase::SCFIND_MATCHCASE;
    if (m_word->isChecked())
        flags |= QsciScintillaBase::SCFIND_WHOLEWORD;
    return flags;
}

bool FindBar::patternIsValid()
{
    if (!m_regex->isChecked())
        return true;
    // Scintilla's C++11 regex search is std::regex's ECMAScript grammar; a pattern it cannot
    // compile would otherwise look like "No match".
    try {
        const std::regex compiled(m_find->text().toStdString(), std::regex::ECMAScript);
        (void)compiled;
        return true;
    } catch (const std::regex_error &) {
        m_status->setText(tr("Invalid regular expression"));
        return false;
    }
}

QString FindBar::statusText() const
{
    return m_status->text();
}

bool FindBar::findNext(bool forward)
{
    if (!m_editor || m_find->text().isEmpty() || !patternIsValid())
        return false;
    const QByteArray pattern = m_find->text().toUtf8();
    const long length = m_editor->SendScintilla(QsciScintillaBase::SCI_GETLENGTH);
    const long selStart = m_editor->SendScintilla(QsciScintillaBase::SCI_GETSELECTIONSTART);
    const long selEnd = m_editor->SendScintilla(QsciScintillaBase::SCI_GETSELECTIONEND);
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETSEARCHFLAGS, searchFlags());
    auto search = [&](long from, long to) {
        m_editor->SendScintilla(QsciScintillaBase::SCI_SETTARGETRANGE, from, to);
        return m_editor->SendScintilla(QsciScintillaBase::SCI_SEARCHINTARGET, pattern.size(),
                                       pattern.constData());
    };
    // Searching backwards means a target range from the selection start down to 0; wrap once.
    long found = forward ? search(selEnd, length) : search(selStart, 0);
    if (found < 0)
        found = forward ? search(0, length) : search(length, 0);
    if (found < 0) {
        m_status->setText(tr("No match"));
        return false;
    }
    m_status->clear();
    const long end = m_editor->SendScintilla(QsciScintillaBase::SCI_GETTARGETEND);
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETSEL, found, end);
    return true;
}

bool FindBar::replaceCurrent()
{
    if (!m_editor || m_find->text().isEmpty() || !patternIsValid())
        return false;
    const long selStart = m_editor->SendScintilla(QsciScintillaBase::SCI_GETSELECTIONSTART);
    const long selEnd = m_editor->SendScintilla(QsciScintillaBase::SCI_GETSELECTIONEND);
    const QByteArray pattern = m_find->text().toUtf8();
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETSEARCHFLAGS, searchFlags());
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETTARGETRANGE, selStart, selEnd);
    const long found =
        m_editor->SendScintilla(QsciScintillaBase::SCI_SEARCHINTARGET, pattern.size(), pattern.constData());
    // Only a selection that is exactly a match gets replaced; otherwise find one first.
    if (found == selStart && m_editor->SendScintilla(QsciScintillaBase::SCI_GETTARGETEND) == selEnd) {
        const QByteArray with = m_replace->text().toUtf8();
        const int message = m_regex->isChecked() ? QsciScintillaBase::SCI_REPLACETARGETRE
                                                 : QsciScintillaBase::SCI_REPLACETARGET;
        m_editor->SendScintilla(message, with.size(), with.constData());
        const long end = m_editor->SendScintilla(QsciScintillaBase::SCI_GETTARGETEND);
        m_editor->SendScintilla(QsciScintillaBase::SCI_SETSEL, end, end);
    }
    return findNext(true);
}

int FindBar::replaceAll()
{
    if (!m_editor || m_find->text().isEmpty() || !patternIsValid())
        return 0;
    const QByteArray pattern = m_find->text().toUtf8();
    const QByteArray with = m_replace->text().toUtf8();
    const int message =
        m_regex->isChecked() ? QsciScintillaBase::SCI_REPLACETARGETRE : QsciScintillaBase::SCI_REPLACETARGET;
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETSEARCHFLAGS, searchFlags());
    int count = 0;
    long from = 0;
    m_editor->beginUndoAction();
    for (;;) {
        const long length = m_editor->SendScintilla(QsciScintillaBase::SCI_GETLENGTH);
        if (from > length)
            break;
        m_editor->SendScintilla(QsciScintillaBase::SCI_SETTARGETRANGE, from, length);
        const long found = m_editor->SendScintilla(QsciScintillaBase::SCI_SEARCHINTARGET, pattern.size(),
                                                   pattern.constData());
        if (found < 0)
            break;
        const long matchEnd = m_editor->SendScintilla(QsciScintillaBase::SCI_GETTARGETEND);
        m_editor->SendScintilla(message, with.size(), with.constData());
        ++count;
        from = m_editor->SendScintilla(QsciScintillaBase::SCI_GETTARGETEND);
        // An empty match (e.g. "^") must still move on, or the loop never ends.
        if (matchEnd == found) {
            if (from >= m_editor->SendScintilla(QsciScintillaBase::SCI_GETLENGTH))
                break;
            from = m_editor->SendScintilla(QsciScintillaBase::SCI_POSITIONAFTER, from);
        }
    }
    m_editor->endUndoAction();
    m_status->setText(tr("%n replaced", nullptr, count));
    return count;
}

} // namespace bunny::app
