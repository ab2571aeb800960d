// The small VCS widgets on their own: commit dialog, branch menu, relative times, changes list.

#include "vcs/authorsettings.h"
#include "vcsui/branchmenu.h"
#include "vcsui/changesview.h"
#include "vcsui/commitdialog.h"
#include "vcsui/relativetime.h"

#include <QAction>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

using namespace bunny;
using vcs::FileStatus;

class tst_VcsWidgets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("bunny-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_vcswidgets"));
        QSettings().clear();
    }

    void relativeTimeReadsLikeASentence_data()
    {
        QTest::addColumn<qint64>("secondsAgo");
        QTest::addColumn<QString>("expected");
        QTest::newRow("seconds") << qint64(20) << "just now";
        QTest::newRow("oneMinute") << qint64(61) << "1 minute ago";
        QTest::newRow("minutes") << qint64(5 * 60 + 3) << "5 minutes ago";
        QTest::newRow("hours") << qint64(3 * 3600) << "3 hours ago";
        QTest::newRow("days") << qint64(4 * 86400) << "4 days ago";
        QTest::newRow("yesterday") << qint64(20 * 3600 + 13 * 3600) << "yesterday";
        QTest::newRow("weeks") << qint64(21 * 86400) << "3 weeks ago";
    }

    void relativeTimeReadsLikeASentence()
    {
        QFETCH(qint64, secondsAgo);
        QFETCH(QString, expected);
        const QDateTime now = QDateTime::fromString(QStringLiteral("2026-11-29T12:00:00"), Qt::ISODate);
        QCOMPARE(vcsui::relativeTime(now.addSecs(-secondsAgo), now), expected);
    }

    void authorFallsBackToTheLoginNameWithAUsableEmail()
    {
        QSettings().clear();
        vcs::AuthorSettings::setAccount({});
        const QByteArray saved = qgetenv("USER");
        qputenv("USER", "Ada Love");
        const vcs::Person person = vcs::AuthorSettings::author();
        qputenv("USER", saved);
        QCOMPARE(person.name, QStringLiteral("Ada Love"));
        QCOMPARE(person.email, QStringLiteral("Ada.Love@localhost"));
        QVERIFY(!vcs::AuthorSettings::isConfigured());
    }

    void commitDialogNeedsAMessageAndRemembersTheAuthor()
    {
        vcs::AuthorSettings::setAccount({QStringLiteral("account-name"), QStringLiteral("acc@example.org")});
        vcsui::CommitDialog dialog(0, 3);
        auto *name = dialog.findChildren<QLineEdit *>().value(0);
        QCOMPARE(name->text(), QStringLiteral("account-name"));
        QVERIFY(dialog.commitAll()); // nothing staged: commit everything
        QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        dialog.findChild<QPlainTextEdit *>()->setPlainText(QStringLiteral("Fix the parser"));
        QVERIFY(ok->isEnabled());
        name->setText(QStringLiteral("Ada Lovelace"));
        ok->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.message(), QStringLiteral("Fix the parser"));
        QCOMPARE(vcs::AuthorSettings::author().name, QStringLiteral("Ada Lovelace"));
        QCOMPARE(vcs::AuthorSettings::author().email, QStringLiteral("acc@example.org"));
        QVERIFY(vcs::AuthorSettings::isConfigured());

        vcsui::CommitDialog staged(2, 3);
        QVERIFY(!staged.commitAll());
    }

    void commitDialogSavesTheAuthorOnlyWhenTheUserChangedIt()
    {
        QSettings().clear();
        vcs::AuthorSettings::setAccount(
            {QStringLiteral("first-account"), QStringLiteral("first@example.org")});
        {
            vcsui::CommitDialog dialog(0, 1);
            dialog.setMessage(QStringLiteral("Untouched author"));
            dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            QCOMPARE(dialog.author().name, QStringLiteral("first-account"));
        }
        // Nothing was pinned: the next account signed in is the next author.
        QVERIFY(!vcs::AuthorSettings::isConfigured());
        vcs::AuthorSettings::setAccount(
            {QStringLiteral("second-account"), QStringLiteral("second@example.org")});
        QCOMPARE(vcs::AuthorSettings::author().name, QStringLiteral("second-account"));
        vcsui::CommitDialog next(0, 1);
        QCOMPARE(next.findChildren<QLineEdit *>().value(0)->text(), QStringLiteral("second-account"));
        QCOMPARE(next.findChildren<QLineEdit *>().value(1)->text(), QStringLiteral("second@example.org"));
        // Changing only the email saves the author the user chose.
        next.findChildren<QLineEdit *>().value(1)->setText(QStringLiteral("work@example.org"));
        next.setMessage(QStringLiteral("Own email"));
        next.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QVERIFY(vcs::AuthorSettings::isConfigured());
        vcs::AuthorSettings::setAccount({});
        QCOMPARE(vcs::AuthorSettings::author().email, QStringLiteral("work@example.org"));
        QCOMPARE(vcs::AuthorSettings::author().name, QStringLiteral("second-account"));
    }

    void branchMenuAsksToSwitchOnlyToAnotherBranch()
    {
        vcsui::BranchMenu menu;
        menu.setBranches({{"feature", "1111", false}, {"main", "2222", true}});
        menu.setTags({{"v1", "2222222", "release"}});
        QSignalSpy switches(&menu, &vcsui::BranchMenu::switchRequested);
        QSignalSpy newTag(&menu, &vcsui::BranchMenu::newTagRequested);
        QAction *feature = nullptr, *main = nullptr, *tagAction = nullptr;
        for (QAction *action : menu.actions()) {
            if (action->text() == "feature")
                feature = action;
            if (action->text() == "main")
                main = action;
            if (action->menu())
                for (QAction *inner : action->menu()->actions())
                    if (inner->text().startsWith("New tag"))
                        tagAction = inner;
        }
        QVERIFY(feature && main && tagAction);
        QVERIFY(main->isChecked());
        main->trigger();
        QCOMPARE(switches.size(), 0);
        feature->trigger();
        QCOMPARE(switches.size(), 1);
        QCOMPARE(switches.at(0).at(0).toString(), QStringLiteral("feature"));
        tagAction->trigger();
        QCOMPARE(newTag.size(), 1);
    }

    void changesListChecksStagedFilesAndAsksToStageOnToggle()
    {
        vcsui::ChangesView view;
        view.setEntries({{"a.txt", {}, FileStatus::Modified, FileStatus::Unmodified},
                         {"b.txt", {}, FileStatus::Unmodified, FileStatus::New},
                         {"c.txt", {}, FileStatus::Modified, FileStatus::Modified},
                         {"new.txt", "old.txt", FileStatus::Renamed, FileStatus::Unmodified}});
        QTreeWidget *tree = view.treeWidget();
        QCOMPARE(tree->topLevelItemCount(), 4);
        QCOMPARE(tree->topLevelItem(0)->checkState(0), Qt::Checked);
        QCOMPARE(tree->topLevelItem(1)->checkState(0), Qt::Unchecked);
        QCOMPARE(tree->topLevelItem(2)->checkState(0), Qt::PartiallyChecked);
        QCOMPARE(tree->topLevelItem(3)->text(0), QStringLiteral("old.txt → new.txt"));

        QSignalSpy stage(&view, &vcsui::ChangesView::stageRequested);
        QSignalSpy unstage(&view, &vcsui::ChangesView::unstageRequested);
        tree->topLevelItem(1)->setCheckState(0, Qt::Checked);
        QCOMPARE(stage.size(), 1);
        QCOMPARE(stage.at(0).at(0).toStringList(), QStringList{"b.txt"});
        tree->topLevelItem(3)->setCheckState(0, Qt::Unchecked);
        QCOMPARE(unstage.size(), 1);
        QCOMPARE(unstage.at(0).at(0).toStringList(), (QStringList{"new.txt", "old.txt"}));
    }
};

QTEST_MAIN(tst_VcsWidgets)
#include "tst_vcswidgets.moc"
