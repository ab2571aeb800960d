#include "ui/mainwindow.h"

#include <Qsci/qscilexerpython.h>
#include <Qsci/qsciscintilla.h>

#include <QFile>
#include <QFileInfo>
#include <QFileSystemModel>
#include <QFontDatabase>
#include <QSplitter>
#include <QStatusBar>
#include <QTreeView>

namespace bunny::app {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    auto *splitter = new QSplitter(this);
    m_model = new QFileSystemModel(this);
    m_tree = new QTreeView(splitter);
    m_tree->setModel(m_model);
    for (int column = 1; column < m_model->columnCount(); ++column)
        m_tree->hideColumn(column);
    m_tree->setHeaderHidden(true);

    m_editor = new QsciScintilla(splitter);
    m_editor->setUtf8(true);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setMarginLineNumbers(0, true);
    m_editor->setMarginWidth(0, QStringLiteral("00000"));
    m_editor->setCaretLineVisible(true);
    m_editor->setBraceMatching(QsciScintilla::SloppyBraceMatch);
    m_editor->setAutoIndent(true);
    m_editor->setLexer(new QsciLexerPython(m_editor));

    splitter->addWidget(m_tree);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({220, 800});
    setCentralWidget(splitter);
    resize(1100, 700);

    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (!m_model->isDir(index))
            openFile(m_model->filePath(index));
    });
}

void MainWindow::openPath(const QString &path)
{
    const QFileInfo info(path);
    m_projectPath = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    m_tree->setRootIndex(m_model->setRootPath(m_projectPath));
    setWindowTitle(QStringLiteral("%1 — Bunny Code").arg(QFileInfo(m_projectPath).fileName()));
    if (info.isFile())
        openFile(info.absoluteFilePath());
    else if (QFileInfo::exists(m_projectPath + QStringLiteral("/hello.py")))
        openFile(m_projectPath + QStringLiteral("/hello.py"));
}

void MainWindow::openFile(const QString &filePath)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly)) {
        statusBar()->showMessage(tr("Cannot open %1: %2").arg(filePath, file.errorString()));
        return;
    }
    m_editor->setText(QString::fromUtf8(file.readAll()));
    m_editor->setCursorPosition(0, 0);
    m_currentFile = filePath;
    statusBar()->showMessage(QFileInfo(filePath).fileName());
}

} // namespace bunny::app
