#include "editor/codeeditor.h"
#include "ui/mainwindow.h"

#include <Qsci/qsciscintilla.h>

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void openingAFileOpensItsFolderWithTheFileFocused()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile file(dir.filePath(QStringLiteral("main.py")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("print('é 中')\n");
        file.close();

        bunny::app::MainWindow window;
        window.openPath(file.fileName());
        QCOMPARE(window.projectPath(), dir.path());
        QCOMPARE(window.currentFile(), file.fileName());
        QCOMPARE(window.editor()->text().toUtf8(), QByteArray("print('é 中')\n"));
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
