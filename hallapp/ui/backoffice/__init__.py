"""The back-office approval client (后台分类审批): ``hallapp.ui.backoffice.window.create``.

Left: the department's review queue, most urgent first, coloured by deadline state, with
filters by item, state and intake window. Right: the open case (applicant, materials as the
window recorded them, commitments, 容缺 supplements, every transition) and its actions.
Everything refreshes from the change feed; only the changed cases are read again.
"""
