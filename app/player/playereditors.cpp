#include "player/playereditors.h"

#include "editor/lexers.h"
#include "player/authorcaret.h"
#include "player/playermodel.h"
#include "player/scintillabytes.h"

#include <Qsci/qscilexer.h>
#include <Qsci/qsciscintilla.h>

#include <QFontDatabase>
#include <QTabBar>

#include <algorithm>
#include <string_view>

namespace bunny::app {

namespace {

const QColor kAuthorColour(0x2f, 0x80, 0xed);

} // namespace

PlayerEditors::PlayerEditors(PlayerModel *model, QWidget *parent)
    : QTabWidget(parent)
    , m_model(model)
    , m_colour(kAuthorColour)
{
    setDocumentMode(true);
    setUsesScrollButtons(true);
    tabBar()->setFocusPolicy(Qt::NoFocus);
    connect(m_model, &PlayerModel::documentReset, this, &PlayerEditors::syncAll);
    connect(m_model, &PlayerModel::stepped, this, &PlayerEditors::applyOps);
    connect(m_model, &PlayerModel::closed, this, &PlayerEditors::syncAll);
}

QsciScintilla *PlayerEditors::editorFor(const QString &path) const
{
    const auto it = m_editors.find(path.toStdString());
    return it == m_editors.end() ? nullptr : it->second;
}

QString PlayerEditors::currentPath() const
{
    for (const auto &[path, editor] : m_editors) {
        if (editor == currentWidget())
            return QString::fromStdString(path);
    }
    return {};
}

QStringList PlayerEditors::paths() const
{
    QStringList result;
    for (const auto &entry : m_editors)
        result << QString::fromStdString(entry.first);
    return result;
}

void PlayerEditors::setKeyFilter(QObject *filter)
{
    m_keyFilter = filter;
    for (const auto &entry : m_editors)
        entry.second->installEventFilter(filter);
}

void PlayerEditors::setPathPrefix(const QString &prefix, const QColor &colour)
{
    m_prefix = prefix.toStdString();
    m_colour = colour;
    while (!m_editors.empty()) {
        const std::string path = m_editors.begin()->first;
        removeEditor(path);
    }
    syncAll();
}

void PlayerEditors::syncAll()
{
    const auto &files = m_model->document().files();
    for (auto it = m_editors.begin(); it != m_editors.end();) {
        const std::string path = it->first;
        ++it;
        if (!files.count(path))
            removeEditor(path);
    }
    for (const auto &[path, text] : files) {
        if (!shows(path))
            continue;
        QsciScintilla *editor = ensureEditor(path);
        if (scintillaBytes(editor) != text)
            setEditorText(editor, text);
        showSelection(path);
    }
    showFocus();
}

void PlayerEditors::applyOps(const std::vector<rec::Event> &ops)
{
    bool focusChanged = false;
    std::vector<const std::string *> moved; // paths of ours whose text or selection changed
    for (const rec::Event &op : ops) {
        if (!shows(op.path))
            continue;
        if (moved.empty() || *moved.back() != op.path)
            moved.push_back(&op.path);
        switch (op.code) {
        case rec::Code::Keyframe:
            setEditorText(ensureEditor(op.path), op.text);
            break;
        case rec::Code::Insert:
            replaceScintillaBytes(ensureEditor(op.path), long(op.pos), long(op.pos), op.text);
            break;
        case rec::Code::Delete:
            replaceScintillaBytes(ensureEditor(op.path), long(op.pos),
                                  long(op.pos + std::int64_t(op.text.size())), {});
            break;
        case rec::Code::Focus:
            focusChanged = true;
            break;
        case rec::Code::Rename:
        case rec::Code::Remove:
            // Rare: a full comparison keeps tabs, lexers and texts right.
            syncAll();
            return;
        default:
            break;
        }
    }
    if (focusChanged)
        showFocus();
    if (m_prefix.empty()) {
        showSelection(m_model->document().focus());
        return;
    }
    // Both players move at once: each view follows its own player's files.
    std::sort(moved.begin(), moved.end(), [](const auto *a, const auto *b) { return *a < *b; });
    moved.erase(
        std::unique(moved.begin(), moved.end(), [](const auto *a, const auto *b) { return *a == *b; }),
        moved.end());
    for (const std::string *path : moved)
        showSelection(*path);
}

QsciScintilla *PlayerEditors::ensureEditor(const std::string &path)
{
    if (const auto it = m_editors.find(path); it != m_editors.end())
        return it->second;
    auto *editor = new QsciScintilla(this);
    editor->setUtf8(true);
    editor->setReadOnly(true);
    editor->setAcceptDrops(false);
    editor->SendScintilla(QsciScintillaBase::SCI_SETUNDOCOLLECTION, false);
    // The horizontal scroll bar follows the longest line seen rather than a fixed 2000 px.
    editor->SendScintilla(QsciScintillaBase::SCI_SETSCROLLWIDTH, 1);
    editor->SendScintilla(QsciScintillaBase::SCI_SETSCROLLWIDTHTRACKING, true);
    // Seeks repaint whole pages: keep their line layouts and text widths between frames.
    editor->SendScintilla(QsciScintillaBase::SCI_SETLAYOUTCACHE, QsciScintillaBase::SC_CACHE_PAGE);
    editor->SendScintilla(QsciScintillaBase::SCI_SETPOSITIONCACHE, 16384);
    // Qt's backing store already double-buffers; Scintilla's own line buffers only add copies.
    editor->SendScintilla(QsciScintillaBase::SCI_SETBUFFEREDDRAW, false);
    const QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    editor->setFont(font);
    editor->setMarginsFont(font);
    editor->setMarginLineNumbers(0, true);
    editor->setMarginWidth(0, QStringLiteral("00000"));
    editor->setCaretLineVisible(true);
    editor->setCaretLineBackgroundColor(QColor(0xe8, 0xf1, 0xfd));
    editor->SendScintilla(QsciScintillaBase::SCI_SETCARETLINEVISIBLEALWAYS, true);
    if (QsciLexer *lexer = createLexerForFile(QString::fromStdString(path), editor)) {
        lexer->setFont(font);
        editor->setLexer(lexer);
    }
    // The author's selection as a translucent box, the caret as a bar of the same colour.
    editor->SendScintilla(QsciScintillaBase::SCI_INDICSETSTYLE, kSelectionIndicator,
                          QsciScintillaBase::INDIC_STRAIGHTBOX);
    editor->SendScintilla(QsciScintillaBase::SCI_INDICSETFORE, kSelectionIndicator, m_colour);
    editor->SendScintilla(QsciScintillaBase::SCI_INDICSETALPHA, kSelectionIndicator, 70);
    editor->SendScintilla(QsciScintillaBase::SCI_INDICSETOUTLINEALPHA, kSelectionIndicator, 150);
    editor->SendScintilla(QsciScintillaBase::SCI_INDICSETUNDER, kSelectionIndicator, true);
    new AuthorCaret(editor, m_colour);
    if (m_keyFilter)
        editor->installEventFilter(m_keyFilter);

    const auto it = m_editors.emplace(path, editor).first;
    const int index = int(std::distance(m_editors.begin(), it));
    insertTab(index, editor, QString::fromStdString(path.substr(m_prefix.size())));
    setTabToolTip(index, QString::fromStdString(path));
    return editor;
}

void PlayerEditors::removeEditor(const std::string &path)
{
    const auto it = m_editors.find(path);
    if (it == m_editors.end())
        return;
    QsciScintilla *editor = it->second;
    m_editors.erase(it);
    removeTab(indexOf(editor));
    delete editor;
}

void PlayerEditors::setEditorText(QsciScintilla *editor, const std::string &text)
{
    ++m_textLoads;
    replaceScintillaBytes(editor, 0, editor->SendScintilla(QsciScintillaBase::SCI_GETLENGTH), text);
}

void PlayerEditors::showFocus()
{
    if (!shows(m_model->document().focus()))
        return;
    const auto it = m_editors.find(m_model->document().focus());
    if (it != m_editors.end())
        setCurrentWidget(it->second);
}

void PlayerEditors::showSelection(const std::string &path)
{
    const auto it = m_editors.find(path);
    if (it == m_editors.end())
        return;
    QsciScintilla *editor = it->second;
    const long length = editor->SendScintilla(QsciScintillaBase::SCI_GETLENGTH);
    editor->SendScintilla(QsciScintillaBase::SCI_SETINDICATORCURRENT, kSelectionIndicator);
    editor->SendScintilla(QsciScintillaBase::SCI_INDICATORCLEARRANGE, 0, length);
    const std::vector<std::int64_t> ranges = m_model->selectionOf(path);
    for (std::size_t i = 0; i + 1 < ranges.size(); i += 2) {
        const long anchor = std::clamp(long(ranges[i]), 0L, length);
        const long caret = std::clamp(long(ranges[i + 1]), 0L, length);
        if (anchor != caret)
            editor->SendScintilla(QsciScintillaBase::SCI_INDICATORFILLRANGE, std::min(anchor, caret),
                                  std::abs(caret - anchor));
    }
    if (ranges.size() < 2) {
        AuthorCaret::of(editor)->setPosition(-1);
        return;
    }
    const long caret = std::clamp(long(ranges[1]), 0L, length);
    // Scintilla's own caret (hidden without focus) still scrolls the author's line into view
    // and highlights it.
    editor->SendScintilla(QsciScintillaBase::SCI_SETEMPTYSELECTION, caret);
    editor->SendScintilla(QsciScintillaBase::SCI_SCROLLCARET);
    AuthorCaret::of(editor)->setPosition(caret);
}

} // namespace bunny::app
