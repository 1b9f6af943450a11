// Kanri UI strings. Every key has a Japanese and an English version.
// Pages reference keys with data-i18n (text), data-i18n-placeholder and data-i18n-aria-label;
// app.js fills in {placeholders}. Guides shown by Tebiki come from tebiki.json, not from here.
window.KANRI_I18N = {
  // Shell
  skip_to_content: { ja: '本文へスキップ', en: 'Skip to content' },
  nav_label: { ja: 'メインメニュー', en: 'Main menu' },
  nav_dashboard: { ja: 'ダッシュボード', en: 'Dashboard' },
  nav_projects: { ja: 'プロジェクト', en: 'Projects' },
  nav_reports: { ja: 'レポート', en: 'Reports' },
  nav_settings: { ja: '設定', en: 'Settings' },
  language: { ja: '表示言語', en: 'Language' },
  account_settings: { ja: 'アカウント設定（{name}）', en: 'Account settings ({name})' },
  trial_badge: { ja: 'トライアル残り{days}日', en: 'Trial · {days} days left' },
  trial_badge_ended: { ja: 'トライアル終了', en: 'Trial ended' },
  footer_note: {
    ja: 'Kanri はアプリ内ガイド SDK「Tebiki」のデモ用アプリです。',
    en: 'Kanri is a demo app for Tebiki, the in-app guidance SDK.',
  },
  you: { ja: 'あなた', en: 'You' },
  default_user_name: { ja: '山田 花子', en: 'Hanako Yamada' },
  honorific: { ja: '{name}さん', en: '{name}' },
  cancel: { ja: 'キャンセル', en: 'Cancel' },
  create: { ja: '作成', en: 'Create' },
  view_all: { ja: 'すべて表示', en: 'View all' },
  optional: { ja: '任意', en: 'optional' },

  // Page titles (<title>)
  title_home: {
    ja: 'Kanri — チームのためのプロジェクト管理',
    en: 'Kanri — project management for teams',
  },
  title_dashboard: { ja: 'ダッシュボード · Kanri', en: 'Dashboard · Kanri' },
  title_projects: { ja: 'プロジェクト · Kanri', en: 'Projects · Kanri' },
  title_reports: { ja: '週次レポート · Kanri', en: 'Weekly report · Kanri' },
  title_settings: { ja: '設定 · Kanri', en: 'Settings · Kanri' },

  // Home
  home_eyebrow: { ja: 'Acme Inc. のワークスペース', en: 'Acme Inc. workspace' },
  home_title: { ja: 'チームの仕事を、ひとつの場所に。', en: "Your team's work, in one place." },
  home_lead: {
    ja: 'Kanri は、プロジェクトの計画・進捗・レポートをまとめて管理できるツールです。14日間の無料トライアルが始まっています。',
    en: 'Kanri brings plans, progress and reports for every project together. Your 14-day free trial has started.',
  },
  home_cta: { ja: 'ダッシュボードを開く', en: 'Open the dashboard' },
  home_secondary: { ja: 'プロジェクト一覧へ', en: 'Go to projects' },
  home_feature_plan_title: { ja: '計画する', en: 'Plan' },
  home_feature_plan_body: {
    ja: 'プロジェクトと期日を登録して、チームで共有します。',
    en: 'Set up projects and due dates, and share them with your team.',
  },
  home_feature_track_title: { ja: '進める', en: 'Track' },
  home_feature_track_body: {
    ja: 'タスクの進み具合と遅れをひと目で確認できます。',
    en: 'See progress and what is slipping at a glance.',
  },
  home_feature_report_title: { ja: '振り返る', en: 'Report' },
  home_feature_report_body: {
    ja: '週次レポートで、チームの成果をふり返ります。',
    en: "Review your team's results in a weekly report.",
  },

  // Dashboard
  dashboard_title: { ja: 'ダッシュボード', en: 'Dashboard' },
  dashboard_greeting: { ja: 'おかえりなさい、{name}さん', en: 'Welcome back, {name}' },
  export: { ja: 'エクスポート', en: 'Export' },
  new_project: { ja: '新規プロジェクト', en: 'New project' },
  quick_create_title: { ja: 'プロジェクトを作成', en: 'Create a project' },
  quick_create_help: {
    ja: 'あとから期日やメンバーを設定できます。',
    en: 'You can add a due date and members later.',
  },
  stats_label: { ja: '概要', en: 'Overview' },
  stat_projects: { ja: '進行中のプロジェクト', en: 'Active projects' },
  stat_open_tasks: { ja: '未完了のタスク', en: 'Open tasks' },
  stat_done_tasks: { ja: '完了したタスク', en: 'Completed tasks' },
  stat_seats: { ja: '利用中のシート', en: 'Seats in use' },
  stat_seats_value: { ja: '{used} / {total}', en: '{used} / {total}' },
  stat_projects_note: { ja: '全{count}件', en: '{count} in total' },
  stat_open_tasks_note: { ja: '全プロジェクトの合計', en: 'Across all projects' },
  stat_done_tasks_note: { ja: '今週', en: 'This week' },
  stat_seats_note: { ja: '招待中 {count}名', en: '{count} pending' },
  recent_projects: { ja: 'プロジェクト', en: 'Projects' },
  recent_activity: { ja: '最近のアクティビティ', en: 'Recent activity' },
  empty_projects_title: { ja: 'プロジェクトはまだありません', en: 'No projects yet' },
  empty_projects_body: {
    ja: '「新規プロジェクト」から最初のプロジェクトを作成しましょう。',
    en: 'Create your first project with “New project”.',
  },
  report_teaser_title: { ja: '今週のレポートができました', en: 'Your weekly report is ready' },
  report_teaser_body: {
    ja: '完了したタスクとプロジェクトの状況をまとめています。',
    en: 'A summary of completed tasks and how each project is doing.',
  },
  report_teaser_cta: { ja: 'レポートを見る', en: 'View report' },

  // Projects
  projects_title: { ja: 'プロジェクト', en: 'Projects' },
  projects_sub: {
    ja: 'チームのプロジェクトを計画し、進捗を追いかけます。',
    en: "Plan your team's projects and follow their progress.",
  },
  projects_count: { ja: '{count}件のプロジェクト', en: '{count} projects' },
  projects_count_one: { ja: '1件のプロジェクト', en: '1 project' },
  create_project_title: { ja: '新しいプロジェクト', en: 'New project' },
  project_name: { ja: 'プロジェクト名', en: 'Project name' },
  project_name_placeholder: { ja: '例：新サービスのローンチ', en: 'e.g. Product launch' },
  project_due: { ja: '期日', en: 'Due date' },
  create_project: { ja: 'プロジェクトを作成', en: 'Create project' },
  all_projects: { ja: 'すべてのプロジェクト', en: 'All projects' },
  col_project: { ja: 'プロジェクト', en: 'Project' },
  col_status: { ja: 'ステータス', en: 'Status' },
  col_progress: { ja: '進捗', en: 'Progress' },
  col_due: { ja: '期日', en: 'Due' },
  col_created: { ja: '作成日', en: 'Created' },
  col_done: { ja: '完了', en: 'Done' },
  col_open: { ja: '未完了', en: 'Open' },
  progress_value: { ja: '{done} / {total} タスク', en: '{done} / {total} tasks' },
  no_due: { ja: '未設定', en: 'Not set' },
  status_planning: { ja: '計画中', en: 'Planning' },
  status_on_track: { ja: '順調', en: 'On track' },
  status_at_risk: { ja: '要注意', en: 'At risk' },
  status_done: { ja: '完了', en: 'Done' },
  sample_project_name: { ja: 'サンプル：Webサイトリニューアル', en: 'Sample: Website redesign' },
  sample_tag: { ja: 'サンプル', en: 'Sample' },

  // Validation and toasts
  error_name_required: { ja: 'プロジェクト名を入力してください。', en: 'Enter a project name.' },
  error_name_too_long: {
    ja: 'プロジェクト名は80文字以内で入力してください。',
    en: 'Use 80 characters or fewer.',
  },
  error_name_taken: {
    ja: '同じ名前のプロジェクトがすでにあります。',
    en: 'A project with this name already exists.',
  },
  error_email_invalid: {
    ja: '有効なメールアドレスを入力してください。',
    en: 'Enter a valid email address.',
  },
  error_email_taken: {
    ja: 'このメールアドレスはすでにチームに登録されています。',
    en: 'This address is already on your team.',
  },
  error_seats_full: {
    ja: '{total}シートすべてが使用中です。メンバーを追加するにはプランをアップグレードしてください。',
    en: 'All {total} seats are in use. Upgrade your plan to add more people.',
  },
  error_profile_name: { ja: '名前を入力してください。', en: 'Enter your name.' },
  toast_project_created: {
    ja: 'プロジェクト「{name}」を作成しました',
    en: 'Project “{name}” created',
  },
  toast_invited: { ja: '{email} に招待を送りました', en: 'Invitation sent to {email}' },
  toast_exported: {
    ja: '{count}件のプロジェクトを CSV に書き出しました',
    en: 'Exported {count} projects as CSV',
  },
  toast_saved: { ja: 'プロフィールを保存しました', en: 'Profile saved' },

  // Activity feed ({actor} is "You" / "あなた" or a teammate's name)
  activity_workspace_created: {
    ja: '{actor}がワークスペース「Acme Inc.」を作成しました',
    en: '{actor} created the Acme Inc. workspace',
  },
  activity_project_created: {
    ja: '{actor}がプロジェクト「{project}」を作成しました',
    en: '{actor} created the project “{project}”',
  },
  activity_member_joined: {
    ja: '{actor}が Acme Inc. に参加しました',
    en: '{actor} joined Acme Inc.',
  },
  activity_teammate_invited: {
    ja: '{actor}が {email} を招待しました',
    en: '{actor} invited {email}',
  },
  activity_exported: {
    ja: '{actor}がプロジェクト{count}件を CSV に書き出しました',
    en: '{actor} exported {count} projects as CSV',
  },
  activity_task_done: {
    ja: '{actor}がタスク「{task}」を完了しました',
    en: '{actor} completed the task “{task}”',
  },
  task_wireframes: { ja: 'ワイヤーフレーム作成', en: 'Wireframes' },
  just_now: { ja: 'たった今', en: 'just now' },

  // Reports
  reports_title: { ja: '週次レポート', en: 'Weekly report' },
  reports_range: { ja: '{from}〜{to}', en: '{from} – {to}' },
  report_done: { ja: '完了したタスク', en: 'Tasks completed' },
  report_on_track: { ja: '順調なプロジェクト', en: 'Projects on track' },
  report_on_track_value: { ja: '{count} / {total}', en: '{count} / {total}' },
  report_active_members: { ja: 'アクティブなメンバー', en: 'Active members' },
  report_open: { ja: '未完了のタスク', en: 'Open tasks' },
  report_chart_title: { ja: '日別の完了タスク', en: 'Tasks completed per day' },
  report_chart_label: {
    ja: '日別の完了タスク数のグラフ',
    en: 'Chart of tasks completed per day',
  },
  report_by_project: { ja: 'プロジェクト別', en: 'By project' },
  report_note: {
    ja: 'このレポートはデモ用のデータから作成されています。',
    en: 'This report is generated from demo data.',
  },
  back_to_dashboard: { ja: 'ダッシュボードに戻る', en: 'Back to dashboard' },

  // Settings
  settings_title: { ja: '設定', en: 'Settings' },
  settings_sub: {
    ja: 'プロフィール、チーム、表示言語を管理します。',
    en: 'Manage your profile, your team and the display language.',
  },
  profile_title: { ja: 'プロフィール', en: 'Profile' },
  profile_name: { ja: '名前', en: 'Name' },
  profile_email: { ja: 'メールアドレス', en: 'Email' },
  save_profile: { ja: 'プロフィールを保存', en: 'Save profile' },
  team_title: { ja: 'チームメンバー', en: 'Team members' },
  team_seats: { ja: '{total}シート中 {used}シート使用中', en: '{used} of {total} seats in use' },
  invite_title: { ja: 'メンバーを招待', en: 'Invite a teammate' },
  invite_email: { ja: 'メールアドレス', en: 'Email address' },
  invite_role: { ja: '権限', en: 'Role' },
  invite_teammate: { ja: 'メンバーを招待', en: 'Invite teammate' },
  role_owner: { ja: 'オーナー', en: 'Owner' },
  role_admin: { ja: '管理者', en: 'Admin' },
  role_member: { ja: 'メンバー', en: 'Member' },
  member_active: { ja: '有効', en: 'Active' },
  member_invited: { ja: '招待中', en: 'Invited' },
  member_you: { ja: '（あなた）', en: '(you)' },
  member_sato: { ja: '佐藤 陽菜', en: 'Hina Sato' },
  member_suzuki: { ja: '鈴木 健太', en: 'Kenta Suzuki' },
  language_title: { ja: '表示言語', en: 'Language' },
  language_help: {
    ja: 'アプリ内ガイドもこの言語で表示されます。変更するとページを再読み込みします。',
    en: 'In-app guides follow this setting too. Changing it reloads the page.',
  },
  demo_title: { ja: 'デモデータ', en: 'Demo data' },
  demo_help: {
    ja: 'このブラウザに保存されたデモデータとガイドの進捗を消去し、新しいトライアルユーザーとして始め直します。',
    en: "Clear this browser's demo data and guide progress, and start over as a new trial user.",
  },
  reset_demo: { ja: 'デモをリセット', en: 'Reset demo' },
};
