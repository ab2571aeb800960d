#include "player/outputpanel.h"

#include "player/playermodel.h"

#include <QFontDatabase>
#include <QTextCharFormat>
#include <QTextCursor>

#include <algorithm>

namespace bunny::app {

OutputPanel::OutputPanel(PlayerModel *model, QWidget *parent)
    : QPlainTextEdit(parent)
    , m_model(model)
{
    setReadOnly(true);
    setFocusPolicy(Qt::ClickFocus);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setPlaceholderText(tr("Program output appears here when the author runs the code."));
    connect(m_model, &PlayerModel::documentReset, this, &OutputPanel::rebuild);
    connect(m_model, &PlayerModel::closed, this, &OutputPanel::rebuild);
    connect(m_model, &PlayerModel::stepped, this, [this](const std::vector<rec::Event> &ops) {
        // A run starts a fresh panel: rebuild() shows the model as it is after all of these ops,
        // the run's output among them, so nothing of this batch may be appended after it.
        const bool runStarts = std::any_of(ops.begin(), ops.end(), [](const rec::Event &op) {
            return op.code == rec::Code::Marker && op.arg == "run";
        });
        if (runStarts) {
            rebuild();
            return;
        }
        for (const rec::Event &op : ops) {
            if (op.code == rec::Code::Output) {
                m_shown.emplace_back(op.arg, op.text);
                append(op.arg, op.text);
            }
        }
    });
}

void OutputPanel::rebuild()
{
    auto output = m_model->output();
    if (output == m_shown)
        return;
    m_shown = std::move(output);
    clear();
    for (const auto &[stream, text] : m_shown)
        append(stream, text);
}

void OutputPanel::append(const std::string &stream, const std::string &text)
{
    QTextCharFormat format;
    if (stream == "stderr")
        format.setForeground(QColor(0xc0, 0x39, 0x2b));
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(QString::fromStdString(text), format);
    ensureCursorVisible();
}

} // namespace bunny::app
