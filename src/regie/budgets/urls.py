from __future__ import annotations

from django.urls import path

from regie.budgets import cost_views, document_views, views

app_name = "budgets"
V = "p/<int:pk>/budget/v/<int:version_pk>/"
urlpatterns = [
    path("p/<int:pk>/budget/", views.home, name="home"),
    path("p/<int:pk>/budget/new/", views.create, name="create"),
    path("p/<int:pk>/budget/import/", document_views.import_xlsx, name="import_xlsx"),
    path("p/<int:pk>/budget/compare/", views.compare, name="compare"),
    path("p/<int:pk>/budget/financing/", views.financing, name="financing"),
    path("p/<int:pk>/budget/financing/new/", views.financing_edit, name="financing_add"),
    path("p/<int:pk>/budget/financing/<int:source_pk>/", views.financing_edit, name="financing_edit"),
    path("p/<int:pk>/budget/financing/<int:source_pk>/delete/", views.financing_delete, name="financing_delete"),
    path("p/<int:pk>/budget/costs/", cost_views.cost_report, name="cost_report"),
    path("p/<int:pk>/budget/costs/report.xlsx", cost_views.cost_report_xlsx, name="cost_report_xlsx"),
    path("p/<int:pk>/budget/costs/report.pdf", cost_views.cost_report_pdf, name="cost_report_pdf"),
    path("p/<int:pk>/budget/costs/etc/<uuid:line_key>/", cost_views.estimate_edit, name="estimate_edit"),
    path("p/<int:pk>/budget/orders/", cost_views.orders, name="orders"),
    path("p/<int:pk>/budget/orders/new/", cost_views.order_edit, name="order_add"),
    path("p/<int:pk>/budget/orders/<int:order_pk>/", cost_views.order_edit, name="order_edit"),
    path("p/<int:pk>/budget/orders/<int:order_pk>/status/", cost_views.order_status, name="order_status"),
    path("p/<int:pk>/budget/invoices/", cost_views.costs, name="costs"),
    path("p/<int:pk>/budget/invoices/new/", cost_views.cost_edit, name="cost_add"),
    path("p/<int:pk>/budget/invoices/<int:cost_pk>/", cost_views.cost_edit, name="cost_edit"),
    path("p/<int:pk>/budget/invoices/<int:cost_pk>/receipt/", cost_views.cost_receipt, name="cost_receipt"),
    path("p/<int:pk>/budget/invoices/<int:cost_pk>/payment/", cost_views.cost_payment, name="cost_payment"),
    path("p/<int:pk>/budget/invoices/<int:cost_pk>/delete/", cost_views.cost_delete, name="cost_delete"),
    path(V, views.topsheet, name="topsheet"),
    path(V + "settings/", views.version_settings, name="settings"),
    path(V + "approve/", views.approve, name="approve"),
    path(V + "lock/", views.lock, name="lock"),
    path(V + "copy/", views.copy, name="copy"),
    path(V + "template/", views.save_template, name="save_template"),
    path(V + "budget.xlsx", views.export_xlsx, name="export_xlsx"),
    path(V + "topsheet.pdf", document_views.topsheet_pdf, name="topsheet_pdf"),
    path(V + "budget.pdf", document_views.budget_pdf, name="budget_pdf"),
    path(V + "accounts/<int:account_pk>/", views.account, name="account"),
    path(V + "accounts/<int:account_pk>/lines/new/", views.line_add, name="line_add"),
    path(V + "lines/<int:line_pk>/", views.line_edit, name="line_edit"),
    path(V + "lines/<int:line_pk>/row/", views.line_row, name="line_row"),
    path(V + "lines/<int:line_pk>/delete/", views.line_delete, name="line_delete"),
    path(V + "globals/", views.globals_list, name="globals"),
    path(V + "globals/new/", views.global_edit, name="global_add"),
    path(V + "globals/<int:global_pk>/", views.global_edit, name="global_edit"),
    path(V + "globals/<int:global_pk>/delete/", views.global_delete, name="global_delete"),
    path(V + "fringes/", views.fringes_list, name="fringes"),
    path(V + "fringes/new/", views.fringe_edit, name="fringe_add"),
    path(V + "fringes/<int:fringe_pk>/", views.fringe_edit, name="fringe_edit"),
    path(V + "fringes/<int:fringe_pk>/delete/", views.fringe_delete, name="fringe_delete"),
]
