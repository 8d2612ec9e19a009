#!/bin/sh
# Fills fuzz/corpus/<target>/ with starting inputs: the example site's files (content/), the
# built-in standards, and a few of the odd inputs tests/it/robustness.rs checks. The corpora are
# not committed (.gitignore); run this once before `cargo fuzz run`. Safe to run again.
set -eu
cd "$(dirname "$0")"
c=../content
mkdir -p corpus/front_matter corpus/markdown corpus/yaml_data corpus/site corpus/import corpus/spreadsheet

n=0
for f in "$c"/policies/*/*.md "$c"/notices/*.md "$c"/pages/*.md; do
    n=$((n + 1))
    cp "$f" "corpus/front_matter/content-$n.md"
    cp "$f" "corpus/markdown/content-$n.md"
    cp "$f" "corpus/site/content-$n.md"
done
for f in ../docs/*.md ../README.md; do
    cp "$f" "corpus/markdown/docs-$(basename "$f")"
done
# The same document as GBK and as UTF-16 (the decoder's other paths).
iconv -f UTF-8 -t GB18030 "$c/policies/2017/lianqujiao-2017-89.md" > corpus/front_matter/gbk.md
iconv -f UTF-8 -t UTF-16 "$c/pages/about.md" > corpus/front_matter/utf16.md

for f in "$c"/data/*.yaml "$c"/data/indicators/*.yaml ../src/load/standards/*.yaml "$c/site.yaml"; do
    cp "$f" "corpus/yaml_data/$(echo "$f" | tr / _ | sed 's/^[._]*//')"
done

# site: a policy, a 0 byte, then data/schools.yaml.
i=0
for f in "$c"/policies/*/*.md; do
    i=$((i + 1))
    { cat "$f"; printf '\0'; cat "$c/data/schools.yaml"; } > "corpus/site/with-schools-$i"
done

# From tests/it/robustness.rs: wrong shapes that must be reported, not crash.
printf -- '---\ntitle: {a: 1}\ndate: 2017-01-01\n---\n正文' > corpus/front_matter/robust-1.md
printf -- '---\ntitle: 甲\ndate: 2017-01-01\nattachments: [{file: {x: 1}}]\n---\n正文' > corpus/front_matter/robust-2.md
printf -- '---\ntitle: 甲\ndate: 2017-01-01\nnotice_period: [2017-01-01, 2017-01-02]\n---\n正文' > corpus/front_matter/robust-3.md
cp corpus/front_matter/robust-*.md corpus/site/
printf 'schools:\n  - {id: a, name: 甲, stage: 小学}\n' > corpus/yaml_data/robust-1.yaml
printf 'pairings:\n  - {id: p, form: [x], lead: [a], members: {a: 1}}\n' > corpus/yaml_data/robust-2.yaml
printf 'year: 2023\nschools:\n  - {school: a, students: 99999999999999999999999999999}\n' > corpus/yaml_data/robust-3.yaml
printf 'targets:\n  - {by: [2020], schools: {a: 1}}\nmilestones: 5\n' > corpus/yaml_data/robust-4.yaml
printf 'id: x\nname: x\nindicators: [{id: a, name: a, numerator: books, per: 0}]\ncv: {limits: {小学: -1}}\n' \
    > corpus/yaml_data/robust-5.yaml
printf 'exchanges:\n  - {year: 二〇一七, people: [{name: [x], role: 校长}]}\n' > corpus/yaml_data/robust-6.yaml

# import: one byte (kind: 0 schools, 1 pairings, 2 exchanges, 3 indicators; +4 gives --year 2024),
# then a CSV file like those in tests/it/import.rs.
{ printf '\000'; printf '连云区学校名录\n编号,校 名,别名,学段,乡镇街道,城乡类别\n'
  printf 'xugou-xiaoxue,墟沟小学,墟溝小學,小学,墟沟街道,城区\nliandao-xiaoxue,连岛小学,,小学,连岛街道,镇区\n'
  printf 'xiyuan-zhongxue,西苑中学,,初中,墟沟街道,城区\n'; } > corpus/import/schools.csv
{ printf '\001'; cat "$c/files/2017/附件1-连云区中小学结对共建安排表.csv"; } > corpus/import/pairings-content.csv
{ printf '\001'; printf '编号,形式,牵头学校,成员学校,开始日期,结束日期,依据文件\n'
  printf 'jituan-xugou,集团化办学,墟沟小学,连岛小学、西苑中学,2017-09-01,2020-08-31,\n'
  printf 'shiqu-1,市区共建,区外：连云港师专一附小教育集团,墟沟小学,,,\n'; } > corpus/import/pairings.csv
{ printf '\002'; printf '年度,公布日期,姓名,类别,学科,派出学校,接收学校,结对,期限\n'
  printf '2017,2017-08-20,王某某,教师,语文,墟沟小学,连岛小学,jituan-xugou,2017-09-01至2018-07-31\n'; } \
    > corpus/import/exchanges.csv
{ printf '\003'; printf '学校,学段,在校学生数,教学及辅助用房面积（m²）,教学仪器设备值（元）,年度\n'
  printf '墟沟小学,小学,2100,9800.5,4500000,2023\n连岛小学,,497,2551,,2023\nxiyuan-zhongxue,初中,1584,9989.9,5120212,2023\n'; } \
    > corpus/import/indicators.csv
{ printf '\007'; { printf '学校,在校学生数（人）,体育运动场馆面积（平方米）,网络多媒体教室数（间）\r\n'
  printf '墟沟小学,2100,16000,50\r\n连岛小学,497,"4,389.9",13\r\n'; } | iconv -f UTF-8 -t GB18030; } \
    > corpus/import/indicators-gbk.csv

# spreadsheet: the first byte picks the format (0 .xlsx, 4 .csv); the import templates and the
# example's CSV attachment.
i=0
for f in ../docs/templates/*.xlsx; do
    i=$((i + 1))
    { printf '\000'; cat "$f"; } > "corpus/spreadsheet/template-$i.xlsx"
done
{ printf '\004'; cat "$c"/files/2017/*.csv; } > corpus/spreadsheet/attachment.csv

for t in front_matter markdown yaml_data site import spreadsheet; do
    echo "corpus/$t: $(ls "corpus/$t" | wc -l) files"
done
