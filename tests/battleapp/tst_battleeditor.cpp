// The ops a battle sends are made from QScintilla's own change notifications: applied in order
// to the text the editor started with, they must give the editor's bytes exactly, whatever the
// editing (typing é 中 😀, auto-indent, cut/paste, undo/redo, multi-caret, replace-all); and a
// second, read-only editor fed those ops (the opponent's view) must show the same bytes.

#include "battle/editops.h"
#include "battleui/battleeditor.h"
#include "battleui/remoteeditor.h"

#include "projectfixture.h"

#include <QApplication>
#include <QClipboard>
#include <QMimeData>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using bunny::battle::EditOps;
using bunny::battleui::BattleEditor;
using bunny::battleui::RemoteEditor;

namespace {

long textLength(BattleEditor *editor)
{
    return editor->SendScintilla(QsciScintillaBase::SCI_GETLENGTH);
}

long randomPosition(BattleEditor *editor, QRandomGenerator &rng)
{
    const long p = long(rng.bounded(quint32(textLength(editor) + 1)));
    return editor->SendScintilla(QsciScintillaBase::SCI_POSITIONBEFORE,
                                 editor->SendScintilla(QsciScintillaBase::SCI_POSITIONAFTER, p));
}

QString randomText(QRandomGenerator &rng)
{
    static const QStringList pieces = {QStringLiteral("a"),  QStringLiteral(" "),  QStringLiteral("é"),
                                       QStringLiteral("中"), QStringLiteral("😀"),  QStringLiteral("("),
                                       QStringLiteral(":"),  QStringLiteral("if"), QStringLiteral("\t")};
    QString text;
    for (int n = 1 + int(rng.bounded(5)); n > 0; --n)
        text += pieces.at(int(rng.bounded(quint32(pieces.size()))));
    return text;
}

/// The other side of the wire: a copy of the text that only ever sees the ops.
struct Shadow
{
    QByteArray text;
    RemoteEditor *view = nullptr;
    QString error;
    int batches = 0;

    void take(const EditOps &ops)
    {
        ++batches;
        auto applied = bunny::battle::applyOps(text, ops);
        if (!applied)
            error = QString::fromStdString(applied.message());
        view->applyOps(ops);
    }
};

/// Lets the test hand the editor a drop as Qt's drag and drop would (a real drag needs a
/// window system the offscreen platform lacks).
struct DroppableEditor : BattleEditor
{
    using BattleEditor::dropEvent;
};

} // namespace

class tst_BattleEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void opsFromEveryKindOfEditRebuildTheExactText_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::newRow("seed3") << 3u;
        QTest::newRow("seed11") << 11u;
        QTest::newRow("seed2026") << 2026u;
    }
    void opsFromEveryKindOfEditRebuildTheExactText()
    {
        QFETCH(quint32, seed);
        QRandomGenerator rng(seed);
        BattleEditor editor;
        editor.setEntryFile(QStringLiteral("main.py"));
        editor.resize(600, 400);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        const QByteArray starter = "def solve():\n    return 0  # é 中 😀\n";
        editor.setTextBytes(starter);
        RemoteEditor view(Qt::blue);
        view.setTextBytes(starter);
        Shadow shadow{starter, &view, {}, 0};
        connect(&editor, &BattleEditor::opsMade, this, [&shadow](const EditOps &ops) { shadow.take(ops); });
        editor.setFocus();

        for (int step = 0; step < 120; ++step) {
            switch (rng.bounded(9u)) {
            case 0:
            case 1:
                editor.SendScintilla(QsciScintillaBase::SCI_GOTOPOS, randomPosition(&editor, rng));
                bunny::testing::typeText(&editor, randomText(rng));
                break;
            case 2: // Enter: auto-indent adds the indentation
                QTest::keyClick(&editor, Qt::Key_Return);
                break;
            case 3: {
                editor.SendScintilla(QsciScintillaBase::SCI_SETSEL, randomPosition(&editor, rng),
                                     randomPosition(&editor, rng));
                QTest::keyClick(&editor, rng.bounded(2u) ? Qt::Key_Backspace : Qt::Key_Delete);
                break;
            }
            case 4: { // cut and paste elsewhere (text from this editor: allowed even when blocking)
                editor.setOutsidePasteBlocked(rng.bounded(2u));
                editor.SendScintilla(QsciScintillaBase::SCI_SETSEL, randomPosition(&editor, rng),
                                     randomPosition(&editor, rng));
                QTest::keyClick(&editor, Qt::Key_X, Qt::ControlModifier);
                editor.SendScintilla(QsciScintillaBase::SCI_GOTOPOS, randomPosition(&editor, rng));
                QTest::keyClick(&editor, Qt::Key_V, Qt::ControlModifier);
                break;
            }
            case 5:
                for (int i = int(1 + rng.bounded(3u)); i > 0; --i)
                    QTest::keyClick(&editor, Qt::Key_Z, Qt::ControlModifier);
                if (rng.bounded(2u))
                    QTest::keyClick(&editor, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
                break;
            case 6: { // several carets typing at once
                editor.SendScintilla(QsciScintillaBase::SCI_SETSELECTION, randomPosition(&editor, rng),
                                     randomPosition(&editor, rng));
                for (int i = 0; i < 2; ++i) {
                    const long p = randomPosition(&editor, rng);
                    editor.SendScintilla(QsciScintillaBase::SCI_ADDSELECTION, p, p);
                }
                bunny::testing::typeText(&editor, QStringLiteral("m中"));
                QTest::keyClick(&editor, Qt::Key_Backspace);
                editor.SendScintilla(QsciScintillaBase::SCI_CLEARSELECTIONS);
                break;
            }
            case 7: { // replace every run of "a" by a multi-byte text, as a replace loop does
                if (editor.findFirst(QStringLiteral("a+"), true, true, false, false, true, 0, 0)) {
                    do
                        editor.replace(QStringLiteral("ü"));
                    while (editor.findNext());
                }
                break;
            }
            case 8: // Ctrl+D twice then type over each occurrence
                editor.SendScintilla(QsciScintillaBase::SCI_GOTOPOS, randomPosition(&editor, rng));
                editor.addNextOccurrence();
                editor.addNextOccurrence();
                bunny::testing::typeText(&editor, QStringLiteral("zz"));
                editor.SendScintilla(QsciScintillaBase::SCI_CLEARSELECTIONS);
                break;
            }
            QCoreApplication::processEvents(); // the ops of this turn go out
            QVERIFY2(shadow.error.isEmpty(), qPrintable(shadow.error));
            QCOMPARE(shadow.text, editor.textBytes());
            QCOMPARE(view.textBytes(), editor.textBytes());
        }
        QVERIFY(shadow.batches > 50);
        QVERIFY(editor.textBytes() != starter);
    }

    void theServersTextMakesNoOps()
    {
        BattleEditor editor;
        QSignalSpy ops(&editor, &BattleEditor::opsMade);
        editor.setTextBytes("print('snapshot')\n");
        QCoreApplication::processEvents();
        QCOMPARE(ops.count(), 0);
        QCOMPARE(editor.textBytes(), QByteArray("print('snapshot')\n"));
        // A snapshot is not undoable: undo cannot bring back text the server never had.
        QVERIFY(!editor.isUndoAvailable());
    }

    void outsidePasteIsRefusedWhenTheBattleSaysSo()
    {
        DroppableEditor editor;
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.setTextBytes("abc\n");
        editor.setOutsidePasteBlocked(true);
        QSignalSpy refused(&editor, &BattleEditor::outsidePasteRefused);
        QSignalSpy ops(&editor, &BattleEditor::opsMade);

        QApplication::clipboard()->setText(QStringLiteral("solution copied from the web"));
        editor.SendScintilla(QsciScintillaBase::SCI_GOTOPOS, 3);
        QTest::keyClick(&editor, Qt::Key_V, Qt::ControlModifier);
        QTest::keyClick(&editor, Qt::Key_Insert, Qt::ShiftModifier);
        editor.paste(); // the context menu's way
        QCoreApplication::processEvents();
        QCOMPARE(refused.count(), 3);
        QCOMPARE(ops.count(), 0);
        QCOMPARE(editor.textBytes(), QByteArray("abc\n"));

        // Text copied from this very editor pastes.
        editor.SendScintilla(QsciScintillaBase::SCI_SETSEL, 0, 2);
        QTest::keyClick(&editor, Qt::Key_C, Qt::ControlModifier);
        editor.SendScintilla(QsciScintillaBase::SCI_GOTOPOS, 3);
        QTest::keyClick(&editor, Qt::Key_V, Qt::ControlModifier);
        QCoreApplication::processEvents();
        QCOMPARE(editor.textBytes(), QByteArray("abcab\n"));
        QCOMPARE(refused.count(), 3);

        // Another program changing the clipboard afterwards blocks it again.
        QApplication::clipboard()->setText(QStringLiteral("ab "));
        QTest::keyClick(&editor, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(refused.count(), 4);

        // A drop from outside the editor is refused too.
        QMimeData mime;
        mime.setText(QStringLiteral("dropped"));
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        editor.dropEvent(&drop);
        QCOMPARE(refused.count(), 5);
        QCOMPARE(editor.textBytes(), QByteArray("abcab\n"));

        // Without the option, any paste goes through.
        editor.setOutsidePasteBlocked(false);
        QTest::keyClick(&editor, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(editor.textBytes(), QByteArray("abcabab \n"));
    }

    void theOpponentsCaretAndSelectionAreDrawn()
    {
        RemoteEditor view(Qt::red);
        view.setTextBytes("héllo\nworld\n");
        view.showCursor(1, 4); // "él" selected: bytes 1..4
        QCOMPARE(view.caretPosition(), 4L);
        view.SendScintilla(QsciScintillaBase::SCI_SETINDICATORCURRENT, RemoteEditor::kSelectionIndicator);
        QCOMPARE(
            view.SendScintilla(QsciScintillaBase::SCI_INDICATORVALUEAT, RemoteEditor::kSelectionIndicator, 2),
            1L);
        QCOMPARE(
            view.SendScintilla(QsciScintillaBase::SCI_INDICATORVALUEAT, RemoteEditor::kSelectionIndicator, 5),
            0L);
        // A caret past the end (a late cursor) is kept inside the text.
        view.showCursor(99, 99);
        QCOMPARE(view.caretPosition(), long(view.textBytes().size()));
        QVERIFY(view.isReadOnly());
    }
};

QTEST_MAIN(tst_BattleEditor)
#include "tst_battleeditor.moc"
