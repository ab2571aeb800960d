#pragma once

#include <QPlainTextEdit>

#include <string>
#include <utility>
#include <vector>

namespace bunny::app {

class PlayerModel;

/// Program output as it was shown during the recording: the current run's stdout, with
/// stderr in red.
class OutputPanel : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit OutputPanel(PlayerModel *model, QWidget *parent = nullptr);

private:
    void rebuild();
    void append(const std::string &stream, const std::string &text);

    PlayerModel *m_model = nullptr;
    std::vector<std::pair<std::string, std::string>> m_shown;
};

} // namespace bunny::app
