#include "vcsui/diffview.h"

#include "vcsui/filestatusstyle.h"

#include <Qsci/qsciscintilla.h>

#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QSplitter>
#include <QVBoxLayout>

namespace bunny::vcsui {

namespace {
// Scintilla keeps one margin text per line, shared by every text margin, so the old number,
// the new number and the sign share one margin, padded into columns in a fixed-width font.
constexpr int kNumberMargin = 0;
constexpr int kPathRole = Qt::UserRole + 1;

/// One line of the view with what goes in its three margins.
struct ViewLine
{
    QString text;
    QString oldNumber;
    QString newNumber;
    QString sign;
    int marker = -1;
};

QList<ViewLine> layOut(const QList<vcs::FileDiff> &files, QMap<QString, int> &fileLines)
{
    QList<ViewLine> lines;
    for (const vcs::FileDiff &file : files) {
        fileLines.insert(file.newPath, int(lines.size()));
        const QString name = file.status == vcs::FileStatus::Renamed
                                 ? QStringLiteral("%1 → %2").arg(file.oldPath, file.newPath)
                                 : file.newPath;
        lines.append({QStringLiteral("%1 (%2)").arg(name, fileStatusName(file.status)),
                      {},
                      {},
                      {},
                      DiffView::FileHeaderMarker});
        if (file.binary)
            lines.append({QObject::tr("Binary file: not shown."), {}, {}, {}, -1});
        else if (file.hunks.isEmpty())
            lines.append({QObject::tr("No change in the text."), {}, {}, {}, -1});
        for (const vcs::DiffHunk &hunk : file.hunks) {
            lines.append(
                {hunk.header, QStringLiteral("…"), QStringLiteral("…"), {}, DiffView::HunkHeaderMarker});
            for (const vcs::DiffLine &line : hunk.lines) {
                ViewLine view{line.text,
                              line.oldLine > 0 ? QString::number(line.oldLine) : QString(),
                              line.newLine > 0 ? QString::number(line.newLine) : QString(),
                              {},
                              -1};
                if (line.kind == vcs::DiffLine::Kind::Added) {
                    view.sign = QStringLiteral("+");
                    view.marker = DiffView::AddedMarker;
                } else if (line.kind == vcs::DiffLine::Kind::Removed) {
                    view.sign = QStringLiteral("−");
                    view.marker = DiffView::RemovedMarker;
                }
                lines.append(view);
            }
        }
        lines.append(ViewLine{});
    }
    return lines;
}
} // namespace

DiffView::DiffView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_files(new QListWidget(this))
    , m_editor(new QsciScintilla(this))
{
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    m_files->setContextMenuPolicy(Qt::CustomContextMenu);
    m_files->setUniformItemSizes(true);
    m_files->setIconSize(QSize(16, 16));

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_editor->setFont(mono);
    m_editor->setMarginsFont(mono);
    m_editor->setReadOnly(true);
    m_editor->setCaretLineVisible(false);
    m_editor->setWrapMode(QsciScintilla::WrapNone);
    m_editor->setUtf8(true);
    // Lets scrollToFile() put the last file's header at the top too.
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETENDATLASTLINE, 0UL);
    // A horizontal scroll bar only when a line is wider than the view.
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETSCROLLWIDTH, 1UL);
    m_editor->SendScintilla(QsciScintillaBase::SCI_SETSCROLLWIDTHTRACKING, 1UL);
    m_editor->setMarginType(kNumberMargin, QsciScintilla::TextMargin);
    m_editor->setMarginMarkerMask(kNumberMargin, 0);
    for (int margin = 1; margin < m_editor->margins(); ++margin)
        m_editor->setMarginWidth(margin, 0);
    m_editor->markerDefine(QsciScintilla::Background, AddedMarker);
    m_editor->setMarkerBackgroundColor(QColor(0xdd, 0xf6, 0xe1), AddedMarker);
    m_editor->markerDefine(QsciScintilla::Background, RemovedMarker);
    m_editor->setMarkerBackgroundColor(QColor(0xfb, 0xe0, 0xe0), RemovedMarker);
    m_editor->markerDefine(QsciScintilla::Background, FileHeaderMarker);
    m_editor->setMarkerBackgroundColor(QColor(0xdc, 0xe6, 0xf5), FileHeaderMarker);
    m_editor->markerDefine(QsciScintilla::Background, HunkHeaderMarker);
    m_editor->setMarkerBackgroundColor(QColor(0xf0, 0xf0, 0xf4), HunkHeaderMarker);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_files);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 6);
    splitter->setSizes({80, 480});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(splitter, 1);

    connect(m_files, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            scrollToFile(item->data(kPathRole).toString());
    });
    connect(m_files, &QWidget::customContextMenuRequested, this, &DiffView::showFileMenu);
    showMessage(tr("Select a change or a version to see what changed."));
}

void DiffView::setDiff(const QList<vcs::FileDiff> &files, const QString &title, const QString &commitId)
{
    m_commitId = commitId;
    m_title->setText(title);
    m_fileLines.clear();
    const QList<ViewLine> lines = layOut(files, m_fileLines);

    QStringList text;
    text.reserve(lines.size());
    int widestNumber = 1;
    for (const ViewLine &line : lines) {
        text.append(line.text);
        widestNumber = std::max({widestNumber, int(line.oldNumber.size()), int(line.newNumber.size())});
    }
    m_editor->setReadOnly(false);
    m_editor->setText(text.join(QLatin1Char('\n')));
    m_editor->setReadOnly(true);
    m_editor->markerDeleteAll();
    m_editor->clearMarginText();
    auto column = [widestNumber](const QString &number) { return number.rightJustified(widestNumber); };
    m_editor->setMarginWidth(kNumberMargin, QString(2 * widestNumber + 7, QLatin1Char('9')));
    const int style = QsciScintillaBase::STYLE_LINENUMBER;
    for (int i = 0; i < lines.size(); ++i) {
        const ViewLine &line = lines[i];
        if (!line.oldNumber.isEmpty() || !line.newNumber.isEmpty() || !line.sign.isEmpty())
            m_editor->setMarginText(i,
                                    QStringLiteral(" %1  %2 %3 ")
                                        .arg(column(line.oldNumber), column(line.newNumber),
                                             line.sign.isEmpty() ? QStringLiteral(" ") : line.sign),
                                    style);
        if (line.marker >= 0)
            m_editor->markerAdd(i, line.marker);
    }
    m_files->clear();
    for (const vcs::FileDiff &file : files) {
        auto *item = new QListWidgetItem(
            statusIcon(file.status),
            QStringLiteral("%1   +%2 −%3").arg(file.newPath).arg(file.added()).arg(file.removed()), m_files);
        item->setData(kPathRole, file.newPath);
        item->setToolTip(statusDescription(file.status));
    }
    m_files->setVisible(!files.isEmpty());
    if (files.isEmpty())
        showMessage(title.isEmpty() ? tr("No changes.") : title + QLatin1Char('\n') + tr("No changes."));
}

void DiffView::showMessage(const QString &message)
{
    m_commitId.clear();
    m_fileLines.clear();
    m_files->clear();
    m_files->hide();
    m_title->setText(message);
    m_editor->setReadOnly(false);
    m_editor->clear();
    m_editor->setReadOnly(true);
    m_editor->markerDeleteAll();
    m_editor->clearMarginText();
}

QString DiffView::marginText(int line) const
{
    const long length =
        m_editor->SendScintilla(QsciScintillaBase::SCI_MARGINGETTEXT, static_cast<unsigned long>(line), 0L);
    QByteArray bytes(int(length) + 1, '\0');
    m_editor->SendScintilla(QsciScintillaBase::SCI_MARGINGETTEXT, static_cast<unsigned long>(line),
                            bytes.data());
    return QString::fromUtf8(bytes.constData());
}

bool DiffView::scrollToFile(const QString &path)
{
    const auto it = m_fileLines.constFind(path);
    if (it == m_fileLines.cend())
        return false;
    m_editor->setFirstVisibleLine(*it);
    return true;
}

void DiffView::showFileMenu(const QPoint &pos)
{
    QListWidgetItem *item = m_files->itemAt(pos);
    if (!item || m_commitId.isEmpty())
        return;
    const QString path = item->data(kPathRole).toString();
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(tr("Restore this file as in this version…"), this,
                    [this, path] { Q_EMIT restoreFileRequested(m_commitId, path); });
    menu->popup(m_files->viewport()->mapToGlobal(pos));
}

} // namespace bunny::vcsui
