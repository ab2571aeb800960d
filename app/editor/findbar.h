#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace bunny::app {

class CodeEditor;

/// The find/replace bar under the editors (Ctrl+F, Ctrl+H): plain text or regular expressions
/// (ECMAScript syntax, with \1 back-references in the replacement).
class FindBar : public QWidget
{
    Q_OBJECT

public:
    explicit FindBar(QWidget *parent = nullptr);

    void setEditor(CodeEditor *editor);
    /// Shows the bar with the selection (if one line) as the search text.
    void showFind(bool withReplace);

    void setPattern(const QString &pattern);
    void setReplacement(const QString &replacement);
    void setRegex(bool regex);
    void setCaseSensitive(bool caseSensitive);

    bool findNext(bool forward = true);
    bool replaceCurrent();
    /// Replaces every match in the editor as one undo step; returns how many.
    int replaceAll();
    /// "No match", "Invalid regular expression", "3 replaced", or empty.
    QString statusText() const;

private:
    int searchFlags() const;
    /// False (and says so in the status) for a regex the search cannot compile.
    bool patternIsValid();

    CodeEditor *m_editor = nullptr;
    QLineEdit *m_find = nullptr;
    QLineEdit *m_replace = nullptr;
    QCheckBox *m_regex = nullptr;
    QCheckBox *m_case = nullptr;
    QCheckBox *m_word = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace bunny::app
