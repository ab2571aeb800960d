#include "editor/codeeditor.h"

#include "editor/editorsettings.h"
#include "editor/keywordapis.h"
#include "editor/lexers.h"
#include "editor/theme.h"
#include "project/textfile.h"

#include <Qsci/qscicommand.h>
#include <Qsci/qscicommandset.h>
#include <Qsci/qscilexer.h>

#include <QDropEvent>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QSaveFile>

namespace bunny::app {

namespace {

// Names a learner reaches for in each language, beyond its keywords.
QStringList knownApis(const QString &language)
{
    if (language == QLatin1String("python"))
        return {QStringLiteral("print"),     QStringLiteral("len"),        QStringLiteral("range"),
                QStringLiteral("enumerate"), QStringLiteral("isinstance"), QStringLiteral("sorted"),
                QStringLiteral("append"),    QStringLiteral("input"),      QStringLiteral("__name__")};
    if (language == QLatin1String("javascript") || language == QLatin1String("typescript"))
        return {QStringLiteral("console.log"), QStringLiteral("JSON.stringify"), QStringLiteral("JSON.parse"),
                QStringLiteral("Array.from"),  QStringLiteral("Promise"),        QStringLiteral("setTimeout"),
                QStringLiteral("require")};
    if (language == QLatin1String("c") || language == QLatin1String("cpp"))
        return {QStringLiteral("printf"),    QStringLiteral("scanf"),       QStringLiteral("malloc"),
                QStringLiteral("free"),      QStringLiteral("std::vector"), QStringLiteral("std::string"),
                QStringLiteral("std::cout"), QStringLiteral("std::endl"),   QStringLiteral("include")};
    if (language == QLatin1String("java"))
        return {QStringLiteral("System.out.println"), QStringLiteral("String"), QStringLiteral("ArrayList"),
                QStringLiteral("HashMap"), QStringLiteral("Scanner")};
    if (language == QLatin1String("go"))
        return {QStringLiteral("fmt.Println"), QStringLiteral("fmt.Printf"), QStringLiteral("fmt.Sprintf"),
                QStringLiteral("strings.Split"), QStringLiteral("strconv.Itoa")};
    if (language == QLatin1String("rust"))
        return {QStringLiteral("println!"), QStringLiteral("format!"), QStringLiteral("vec!"),
                QStringLiteral("unwrap"),   QStringLiteral("iter"),    QStringLiteral("collect")};
    return {};
}

} // namespace

CodeEditor::CodeEditor(QWidget *parent)
    : QsciScintilla(parent)
{
    setUtf8(true);
    setEolMode(EolUnix);
    setMarginLineNumbers(0, true);
    setFolding(BoxedTreeFoldStyle, 2);
    setBraceMatching(SloppyBraceMatch);
    setAutoIndent(true);
    setCaretLineVisible(true);
    setIndentationGuides(true);
    setIndentationsUseTabs(false);
    setBackspaceUnindents(true);
    setTabIndents(true);
    // Completion starts from onCharAdded, not from QScintilla's own threshold: QScintilla
    // crashes placing the list when the caret is on no screen (a window partly off-screen).
    setAutoCompletionThreshold(-1);
    setAutoCompletionCaseSensitivity(false);
    setAutoCompletionReplaceWord(false);
    setAutoCompletionSource(AcsAll);

    // Ctrl+click adds a caret, Alt+drag a rectangular selection; typing and pasting go to all.
    SendScintilla(SCI_SETMULTIPLESELECTION, 1);
    SendScintilla(SCI_SETADDITIONALSELECTIONTYPING, 1);
    SendScintilla(SCI_SETMULTIPASTE, SC_MULTIPASTE_EACH);
    SendScintilla(SCI_SETMOUSESELECTIONRECTANGULARSWITCH, 1);
    SendScintilla(SCI_SETVIRTUALSPACEOPTIONS, SCVS_RECTANGULARSELECTION);
    // A horizontal scroll bar only when a line is wider than the view.
    SendScintilla(SCI_SETSCROLLWIDTH, 1);
    SendScintilla(SCI_SETSCROLLWIDTHTRACKING, 1);

    // Scintilla's own bindings would shadow the window's shortcuts (Ctrl+D duplicates a line,
    // Ctrl+L cuts one, Ctrl+/ moves by word part, Ctrl+Shift+L deletes a line) or surprise a
    // VS Code user by changing text (Ctrl+U lowercases, Ctrl+T swaps lines): give these keys
    // to the menus, or to nothing.
    for (const int key :
         {(Qt::CTRL | Qt::Key_D).toCombined(), (Qt::CTRL | Qt::Key_L).toCombined(),
          (Qt::CTRL | Qt::Key_Slash).toCombined(), (Qt::CTRL | Qt::SHIFT | Qt::Key_L).toCombined(),
          (Qt::CTRL | Qt::Key_U).toCombined(), (Qt::CTRL | Qt::Key_T).toCombined(),
          (Qt::CTRL | Qt::ALT | Qt::Key_Up).toCombined(), (Qt::CTRL | Qt::ALT | Qt::Key_Down).toCombined()}) {
        const auto commands = standardCommands()->commands();
        for (QsciCommand *command : commands) {
            if (command->key() == key)
                command->setKey(0);
            if (command->alternateKey() == key)
                command->setAlternateKey(0);
        }
    }

    connect(this, &QsciScintilla::linesChanged, this, &CodeEditor::updateMarginWidth);
    connect(this, &QsciScintillaBase::SCN_CHARADDED, this, &CodeEditor::onCharAdded);
    applySettings(EditorSettings{});
    setLanguage(QStringLiteral("text"));
}

CodeEditor::~CodeEditor()
{
    Q_EMIT aboutToBeDestroyed();
}

QByteArray CodeEditor::textBytes() const
{
    return bytes(0, length()).chopped(1); // bytes() includes Scintilla's terminating NUL
}

Result<void> CodeEditor::loadFile(const QString &filePath)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(tr("Cannot open %1: %2").arg(filePath, file.errorString()).toStdString());
    const QByteArray data = file.readAll();
    if (!isUtf8Text(data))
        return makeError(tr("%1 is not UTF-8 text; Bunny Code opens only UTF-8 text files.")
                             .arg(QFileInfo(filePath).fileName())
                             .toStdString());
    const bool pathChanged = filePath != m_filePath;
    m_filePath = filePath;
    if (pathChanged)
        setLanguage(languageForFile(filePath));

    m_loading = true;
    // SCI_SETTEXT keeps the bytes exactly (no EOL conversion); the reload is not undoable,
    // as in other editors, so undo can never diverge from the disk and the recording.
    SendScintilla(SCI_SETTEXT, data.constData());
    SendScintilla(SCI_EMPTYUNDOBUFFER);
    // New lines follow the file's own line ends (its first one decides), so Enter in a CRLF
    // file never mixes in a bare LF.
    const qsizetype firstNewline = data.indexOf('\n');
    setEolMode(firstNewline > 0 && data.at(firstNewline - 1) == '\r' ? EolWindows : EolUnix);
    m_loading = false;
    m_diskBytes = data;
    setModified(false);
    Q_EMIT loaded();
    return {};
}

Result<void> CodeEditor::save()
{
    const QByteArray data = textBytes();
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return makeError(tr("Cannot save %1: %2").arg(m_filePath, file.errorString()).toStdString());
    m_diskBytes = data;
    setModified(false);
    Q_EMIT saved();
    return {};
}

void CodeEditor::setFilePath(const QString &filePath)
{
    m_filePath = filePath;
    const QString language = languageForFile(filePath);
    if (language != m_language)
        setLanguage(language);
}

void CodeEditor::setLanguage(const QString &language)
{
    m_language = language;
    QsciLexer *old = lexer();
    QsciLexer *lexer = createLexerForLanguage(language, this);
    if (lexer) {
        QStringList words = knownApis(language);
        for (int set = 1; set <= 4; ++set) {
            if (const char *list = lexer->keywords(set))
                words += QString::fromLatin1(list).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        }
        new KeywordApis(lexer, std::move(words));
    }
    setLexer(lexer);
    delete old;
    setAutoCompletionSource(lexer ? AcsAll : AcsDocument);
    applyTheme(this, m_font, m_dark);
}

void CodeEditor::applySettings(const EditorSettings &settings)
{
    m_font = settings.fontFamily.isEmpty() ? QFontDatabase::systemFont(QFontDatabase::FixedFont)
                                           : QFont(settings.fontFamily);
    m_font.setPointSize(settings.fontSize);
    m_dark = settings.darkTheme;
    setTabWidth(settings.tabWidth);
    setIndentationWidth(settings.tabWidth);
    applyTheme(this, m_font, m_dark);
    updateMarginWidth();
}

void CodeEditor::updateMarginWidth()
{
    setMarginWidth(0, QStringLiteral("0%1").arg(lines() * 10));
}

void CodeEditor::toggleComment()
{
    const QByteArray prefix = lineCommentPrefix(m_language).toUtf8();
    if (prefix.isEmpty())
        return;
    const long selections = SendScintilla(SCI_GETSELECTIONS);
    long firstLine = LONG_MAX, lastLine = -1;
    for (long i = 0; i < selections; ++i) {
        const long start = SendScintilla(SCI_GETSELECTIONNSTART, i);
        long end = SendScintilla(SCI_GETSELECTIONNEND, i);
        const long startLine = SendScintilla(SCI_LINEFROMPOSITION, start);
        long endLine = SendScintilla(SCI_LINEFROMPOSITION, end);
        // A selection ending at the start of a line does not take that line in.
        if (endLine > startLine && end == SendScintilla(SCI_POSITIONFROMLINE, endLine))
            --endLine;
        firstLine = std::min(firstLine, startLine);
        lastLine = std::max(lastLine, endLine);
    }
    if (lastLine < 0)
        return;

    auto isBlank = [this](long line) {
        return SendScintilla(SCI_GETLINEINDENTPOSITION, line) == SendScintilla(SCI_GETLINEENDPOSITION, line);
    };
    auto isCommented = [&](long line) {
        const long indent = SendScintilla(SCI_GETLINEINDENTPOSITION, line);
        return bytes(int(indent), int(indent + prefix.size())).chopped(1) == prefix;
    };
    bool allCommented = true;
    int minIndent = INT_MAX;
    for (long line = firstLine; line <= lastLine; ++line) {
        if (isBlank(line))
            continue;
        allCommented = allCommented && isCommented(line);
        minIndent = std::min(minIndent, int(SendScintilla(SCI_GETLINEINDENTATION, line)));
    }
    if (minIndent == INT_MAX)
        return;

    beginUndoAction();
    for (long line = firstLine; line <= lastLine; ++line) {
        if (isBlank(line))
            continue;
        if (allCommented) {
            const long at = SendScintilla(SCI_GETLINEINDENTPOSITION, line);
            long count = prefix.size();
            if (bytes(int(at + count), int(at + count + 1)).chopped(1) == " ")
                ++count;
            SendScintilla(SCI_DELETERANGE, at, count);
        } else {
            // Comment at the block's common indentation, like VS Code, so the markers line up.
            const long at = SendScintilla(SCI_FINDCOLUMN, line, minIndent);
            const QByteArray insert = prefix + ' ';
            SendScintilla(SCI_INSERTTEXT, at, insert.constData());
        }
    }
    endUndoAction();
}

void CodeEditor::addNextOccurrence()
{
    SendScintilla(SCI_TARGETWHOLEDOCUMENT);
    SendScintilla(SCI_SETSEARCHFLAGS, SCFIND_MATCHCASE);
    SendScintilla(SCI_MULTIPLESELECTADDNEXT);
}

void CodeEditor::selectAllOccurrences()
{
    SendScintilla(SCI_TARGETWHOLEDOCUMENT);
    SendScintilla(SCI_SETSEARCHFLAGS, SCFIND_MATCHCASE);
    if (SendScintilla(SCI_GETSELECTIONEMPTY))
        SendScintilla(SCI_MULTIPLESELECTADDNEXT); // the word under the caret first
    SendScintilla(SCI_MULTIPLESELECTADDEACH);
}

void CodeEditor::addCaret(int direction)
{
    // From the outermost caret in that direction, at the main caret's column (or the line's end).
    const long count = SendScintilla(SCI_GETSELECTIONS);
    long line = -1;
    for (long i = 0; i < count; ++i) {
        const long caretLine = SendScintilla(SCI_LINEFROMPOSITION, SendScintilla(SCI_GETSELECTIONNCARET, i));
        if (line < 0 || (direction < 0 ? caretLine < line : caretLine > line))
            line = caretLine;
    }
    const long target = line + (direction < 0 ? -1 : 1);
    if (target < 0 || target >= SendScintilla(SCI_GETLINECOUNT))
        return;
    const long column = SendScintilla(SCI_GETCOLUMN, SendScintilla(SCI_GETCURRENTPOS));
    const long position = SendScintilla(SCI_FINDCOLUMN, target, column);
    const long main = SendScintilla(SCI_GETMAINSELECTION);
    SendScintilla(SCI_ADDSELECTION, position, position);
    SendScintilla(SCI_SETMAINSELECTION, main); // the column stays the first caret's
    SendScintilla(SCI_SCROLLRANGE, position, position);
}

void CodeEditor::onCharAdded(int character)
{
    constexpr int kMinimumPrefix = 2;
    if (isListActive() || !(QChar::isLetterOrNumber(char32_t(character)) || character == '_'))
        return;
    const long caret = SendScintilla(SCI_GETCURRENTPOS);
    if (caret - SendScintilla(SCI_WORDSTARTPOSITION, caret, true) < kMinimumPrefix)
        return;
    const QPoint at(int(SendScintilla(SCI_POINTXFROMPOSITION, 0, caret)),
                    int(SendScintilla(SCI_POINTYFROMPOSITION, 0, caret)));
    if (!QGuiApplication::screenAt(viewport()->mapToGlobal(at)))
        return;
    // Words of the document are collected by scanning all of it on every key: past a size
    // that would make typing lag, only keywords and APIs are offered.
    constexpr long kMaxScannedBytes = 256 * 1024;
    if (SendScintilla(SCI_GETLENGTH) <= kMaxScannedBytes)
        autoCompleteFromAll();
    else if (lexer())
        autoCompleteFromAPIs();
}

void CodeEditor::paste()
{
    Q_EMIT aboutToPaste();
    QsciScintilla::paste();
}

void CodeEditor::keyPressEvent(QKeyEvent *event)
{
    // Scintilla handles Ctrl+V and Shift+Insert itself, without calling paste().
    if (event->matches(QKeySequence::Paste) ||
        (event->key() == Qt::Key_Insert && event->modifiers() == Qt::ShiftModifier)) {
        paste();
        event->accept();
        return;
    }
    QsciScintilla::keyPressEvent(event);
}

void CodeEditor::dropEvent(QDropEvent *event)
{
    if (event->source() != this) // moving text inside the editor is no paste
        Q_EMIT aboutToPaste();
    QsciScintilla::dropEvent(event);
}

} // namespace bunny::app
