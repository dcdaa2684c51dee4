"""The seed's recorded-crime tables as an example workbook (for ``pccdesk demo``, the app's example and tests).

The lines are those of seed 001 ("Comparison of crime between 1 Apr 2015 to
15 Jul 2015 and 2014-15"), tab-separated as published: seven blocks, Force
Wide first, the change in one cell (``+2,736 + 13%``) for the first two and in
two cells (``+ 246`` | ``+ 12%``) for the rest. Real figures, inconsistencies
included: that is what makes them a good example of the checks.
"""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

SEED_LINES = (
    'Comparison of crime between 1 Apr 2015 to 15 Jul 2015 and 2014-15',
    '',
    'Force Wide',
    '',
    '\t2015-16 1.4.– 15.7\t2014-15 1.4.– 15.7\tChange compared to 2014-15',
    'Total crime\t23,796\t21,060\t+2,736 + 13%',
    'Violence against the person\t4,908\t3,969\t+ 939 + 24%',
    'Robbery\t149\t143\t+ 6 + 4%',
    'Sexual offences\t753\t605\t+ 148 + 24%',
    'Vehicle crime\t1,534\t1,519\t+ 15 + 1%',
    'Criminal damage\t4,888\t4,244\t+ 644 + 15%',
    'Burglary dwelling\t917\t855\t+ 62 + 7%',
    'Burglary OTD\t1,365\t1,342\t+ 23 + 2%',
    'Shoplifting\t2,979\t2,746\t+ 233 + 9%',
    'Theft from the person\t275\t218\t+ 57 + 26%',
    'Other theft and handling\t3,410\t2,742\t+ 668 + 24%',
    '',
    'Area Commands',
    '',
    'Sunderland',
    '',
    '\t2015-16 1.4.– 15.7\t2014-15 1.4.– 15.7\tChange compared to 2014-15',
    'Total crime\t4,778\t4,363\t+ 415 + 10%',
    'Violence against the person\t983\t778\t+ 205 + 26%',
    'Robbery\t20\t23\t- 3 - 14%',
    'Sexual offences\t141\t113\t+ 28 + 25%',
    'Vehicle crime\t287\t368\t- 81 - 22%',
    'Criminal damage\t1,035\t942\t+ 93 + 10%',
    'Burglary dwelling\t178\t179\t- 1 - 0%',
    'Burglary OTD\t252\t301\t- 49 - 16%',
    'Shoplifting\t547\t548\t- 1 - 0%',
    'Theft from the person\t44\t24\t+ 20 + 85%',
    'Other theft and handling\t786\t519\t+ 267 + 52%',
    '',
    'South Tyneside',
    '',
    '\t2015-16 1.4.– 15.7\t2014-15 1.4.– 15.7\tChange compared to 2014-15\t',
    'Total crime\t2,296\t2,050\t+ 246\t+ 12%',
    'Violence against the person\t568\t431\t+ 137\t+ 32%',
    'Robbery\t14\t13\t+ 1\t+ 7%',
    'Sexual offences\t69\t54\t+ 15\t+ 27%',
    'Vehicle crime\t107\t93\t+ 14\t+ 15%',
    'Criminal damage\t524\t477\t+ 47\t+ 10%',
    'Burglary dwelling\t69\t63\t+ 6\t+ 9%',
    'Burglary OTD\t92\t105\t- 13\t- 12%',
    'Shoplifting\t282\t244\t+ 38\t+ 15%',
    'Theft from the person\t15\t9\t+ 6\t+ 62%',
    'Other theft and handling\t288\t278\t+ 10\t+ 3%',
    '',
    'Gateshead',
    '',
    '\t2015-16 1.4.– 15.7\t2014-15 1.4.– 15.7\tChange compared to 2014-15\t',
    'Total crime\t3,238\t2,716\t+ 522\t+ 19%',
    'Violence against the person\t626\t491\t+ 135\t+ 28%',
    'Robbery\t32\t24\t+ 8\t+ 35%',
    'Sexual offences\t106\t78\t+ 28\t+ 36%',
    'Vehicle crime\t279\t262\t+ 17\t+ 6%',
    'Criminal damage\t708\t543\t+ 165\t+ 30%',
    'Burglary dwelling\t122\t116\t+ 6\t+ 5%',
    'Burglary OTD\t257\t220\t+ 37\t+ 17%',
    'Shoplifting\t333\t291\t+ 42\t+ 15%',
    'Theft from the person\t17\t15\t+ 2\t+ 13%',
    'Other theft and handling\t456\t361\t+ 95\t+ 26%',
    '',
    'North Tyneside',
    '',
    '\t2015-16 1.4.– 15.7\t2014-15 1.4.– 15.7\tChange compared to 2014-15\t',
    'Total crime\t2,465\t2,384\t+ 81\t+ 3%',
    'Violence against the person\t540\t507\t+ 33\t+ 6%',
    'Robbery\t16\t14\t+ 2\t+ 13%',
    'Sexual offences\t71\t65\t+ 6\t+ 8%',
    'Vehicle crime\t139\t142\t- 3\t- 2%',
    'Criminal damage\t516\t470\t+ 46\t+ 10%',
    'Burglary dwelling\t82\t95\t- 13\t- 14%',
    'Burglary OTD\t95\t129\t- 34\t- 27%',
    'Shoplifting\t326\t338\t- 12\t- 4%',
    'Theft from the person\t15\t15\t+ 0\t+ 2%',
    'Other theft and handling\t346\t301\t+ 45\t+ 15%',
    '',
    'Newcastle',
    '',
    '\t2015-16 1.4.– 15.7\t2014-15 1.4.– 15.7\tChange compared to 2014-15\t',
    'Total crime\t7,174\t6,391\t+ 783\t+ 12%',
    'Violence against the person\t1,460\t1,193\t+ 267\t+ 22%',
    'Robbery\t54\t61\t- 7\t- 11%',
    'Sexual offences\t242\t201\t+ 41\t+ 21%',
    'Vehicle crime\t409\t371\t+ 38\t+ 10%',
    'Criminal damage\t1,228\t1,111\t+ 117\t+ 11%',
    'Burglary dwelling\t324\t269\t+ 55\t+ 21%',
    'Burglary OTD\t326\t294\t+ 32\t+ 11%',
    'Shoplifting\t1,117\t1,020\t+ 97\t+ 9%',
    'Theft from the person\t154\t145\t+ 9\t+ 6%',
    'Other theft and handling\t941\t823\t+ 118\t+ 14%',
    '',
    'Northumberland',
    '',
    '\t2015-16 1.4.– 15.7\t2014-15 1.4.– 15.7\tChange compared to 2014-15\t',
    'Total crime\t3,845\t3,157\t+ 688\t+ 22%',
    'Violence against the person\t731\t570\t+ 161\t+ 28%',
    'Robbery\t13\t9\t+ 4\t+ 50%',
    'Sexual offences\t124\t94\t+ 30\t+ 32%',
    'Vehicle crime\t313\t282\t+ 31\t+ 11%',
    'Criminal damage\t877\t701\t+ 176\t+ 25%',
    'Burglary dwelling\t142\t134\t+ 8\t+ 6%',
    'Burglary OTD\t343\t293\t+ 50\t+ 17%',
    'Shoplifting\t374\t304\t+ 70\t+ 23%',
    'Theft from the person\t30\t10\t+ 20\t+205%',
    'Other theft and handling\t593\t460\t+ 133\t+ 29%',
)

AREAS = ("Force Wide", "Sunderland", "South Tyneside", "Gateshead", "North Tyneside", "Newcastle", "Northumberland")


def write_example_crime(path: Path, *, sheet_per_area: bool = False, counts_as_text: bool = False) -> Path:
    """The seed's blocks cell for cell: one sheet (as printed) or one sheet per area (named after it)."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                           "strings_to_urls": False})
    number = book.add_format({"num_format": "#,##0"})
    sheet = None if sheet_per_area else book.add_worksheet("Crime comparison")
    r = 0
    for line in SEED_LINES:
        cells = line.split("\t")
        if sheet_per_area and len(cells) == 1 and cells[0].strip() in AREAS:
            sheet = book.add_worksheet(cells[0].strip())
            r = 0
            continue
        if sheet is None:
            continue
        for c, cell in enumerate(cells):
            if not cell:
                continue
            if c in (1, 2) and cell.replace(",", "").isdigit() and not counts_as_text:
                sheet.write_number(r, c, int(cell.replace(",", "")), number)
            else:
                sheet.write_string(r, c, cell)
        r += 1
    book.close()
    return path


if __name__ == "__main__":  # python -m pccdesk.examples.crime OUT.xlsx
    import sys

    write_example_crime(Path(sys.argv[1] if len(sys.argv) > 1 else "northumbria-2015-16-Q1-crime.xlsx"))
